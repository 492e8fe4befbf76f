namespace KeyRotation.Engine.Ports;

/// <summary>
/// The turns every invocation of one deployment takes before it sends an Organizations request, so that invocations
/// running at once (a Distributed Map's items, two executions that overlap) keep together to the organization's rate
/// instead of splitting it into per-invocation shares that sit idle while their item rotates IAM. It holds one thing,
/// the time of the next free turn: one item in a DynamoDB table in AWS. Each call is one conditional write
/// (UpdateItem); a condition that does not hold is an answer (null or false), not an error. Anything else fails as a
/// <see cref="ServiceException"/>. The engine decides the times (Resilience/RateLimits/SharedOrganizationsPace).
/// </summary>
public interface IOrganizationsTurns
{
    /// <summary>Where the turns are kept (the table), as messages name it.</summary>
    string Name { get; }

    /// <summary>
    /// Takes the next free turn if it lies within [<paramref name="earliest"/>, <paramref name="latest"/>], and moves
    /// it on by <paramref name="interval"/>.
    /// </summary>
    /// <returns>The turn taken (the next free turn before the move); null when there is none yet or it lies outside.</returns>
    Task<DateTimeOffset?> TryTakeNextAsync(TimeSpan interval, DateTimeOffset earliest, DateTimeOffset latest, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the next free turn to <paramref name="next"/> if there is none or it lies outside
    /// [<paramref name="earliest"/>, <paramref name="latest"/>] (the deployment was idle, or a clock was wrong).
    /// </summary>
    /// <returns>false: another caller moved it first, so it now lies within.</returns>
    Task<bool> TryRestartAsync(DateTimeOffset next, DateTimeOffset earliest, DateTimeOffset latest, CancellationToken cancellationToken);
}
