using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Resilience;

namespace KeyRotation.Simulation.Ports;

/// <summary>
/// The simulated counterpart of an AWS SDK client's own, capped, per-request retry. Port operations such as user
/// discovery or a live re-read are many requests; retrying only the whole operation would make one throttled
/// request out of twenty restart all twenty, which fails under sustained throttling. Requests are retried here,
/// a few times, and the port-level pipeline stays the outer layer for what this cap leaves.
/// </summary>
/// <param name="MaxRetries">Retries of one request on throttling or transient errors. Default 3.</param>
/// <param name="Waits">Clock the backoff waits on; the CLI's simulation passes one whose waits end at once.</param>
/// <param name="Tally">Where each retry is counted, shared with the port-level retries so the report shows all.</param>
public sealed record RequestRetry(TimeProvider Waits, RetryTally Tally, int MaxRetries = RequestRetry.DefaultMaxRetries)
{
    public const int DefaultMaxRetries = 3;

    /// <summary>Base of the exponential backoff, full jitter. Default 50 ms.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    internal bool ShouldRetry(ServiceException error, string operation, int retriesSoFar) =>
        retriesSoFar < MaxRetries
        && (error.Kind == FailureKind.Throttling
            // A create that failed in flight may have made a key; only the engine's checked create may send it again.
            || (error.Kind == FailureKind.Transient && operation != SimulatedOperations.CreateAccessKey));

    internal Task WaitAsync(int retriesSoFar, double random, CancellationToken cancellationToken)
    {
        var ceiling = BaseDelay.Ticks * Math.Pow(2, Math.Min(retriesSoFar, 16));
        return Task.Delay(TimeSpan.FromTicks((long)(ceiling * random)), Waits, cancellationToken);
    }
}
