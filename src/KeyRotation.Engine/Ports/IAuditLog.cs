using KeyRotation.Core.Audit;

namespace KeyRotation.Engine.Ports;

/// <summary>The append-only, idempotent audit trail (DynamoDB in real AWS).</summary>
public interface IAuditLog
{
    /// <summary>Throws when the store cannot be written; the engine calls it before any mutation.</summary>
    Task EnsureWritableAsync(CancellationToken cancellationToken);

    /// <summary>Writes events; an event whose id already exists is left as it was.</summary>
    Task AppendAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken);

    /// <summary>For each given key of the account, when this tool last deactivated it successfully (absent: never).</summary>
    Task<IReadOnlyDictionary<string, DateTimeOffset>> LastDeactivationsAsync(
        string accountId, IReadOnlyCollection<string> accessKeyIds, CancellationToken cancellationToken);

    /// <summary>
    /// What reconciliation must check in one account (<see cref="UnresolvedWork"/>): intents without an outcome, and
    /// keys this tool created whose hand-off is not recorded as done, among the account's events at or after
    /// <paramref name="since"/> (the look-back window, the run options' ReconciliationWindow).
    /// </summary>
    Task<UnresolvedWork> UnresolvedAsync(string accountId, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Events matching the query, oldest first, every page followed (intents only when the query asks).</summary>
    IAsyncEnumerable<AuditEvent> QueryAsync(AuditQuery query, CancellationToken cancellationToken);
}
