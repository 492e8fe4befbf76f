namespace KeyRotation.Engine.Resilience;

/// <summary>
/// Paces every IAM request of a member account through that account's token bucket
/// (<see cref="RateLimitOptions.IamRequestsPerSecondPerAccount"/>), retries included. IAM meters requests, and a
/// port call can be one request (CreateAccessKey) or twenty (discovery, a live re-read): pacing port calls either
/// wastes the account's budget or overruns it. An adapter that can pace its requests is given this object, and the
/// same object goes to <see cref="ResilientServices.Wrap"/>, whose port-level pipeline then leaves IAM unpaced so
/// no request is charged twice.
/// </summary>
public sealed class IamRequestPacing
{
    private readonly AccountRateLimiters limiters;

    /// <param name="options">Validated here.</param>
    /// <param name="time">Drives the buckets; the run's clock (or the simulation's scaled or instant one).</param>
    public IamRequestPacing(RateLimitOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        limiters = new AccountRateLimiters(options, time);
    }

    /// <summary>Returns once the account's bucket has a token for one request.</summary>
    public async ValueTask WaitAsync(string accountId, CancellationToken cancellationToken)
    {
        using var lease = await limiters.For(accountId).AcquireAsync(1, cancellationToken).ConfigureAwait(false);
    }
}
