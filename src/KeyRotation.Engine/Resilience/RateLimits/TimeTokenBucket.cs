using System.Threading.RateLimiting;

namespace KeyRotation.Engine.Resilience.RateLimits;

/// <summary>
/// A token bucket on an injected <see cref="TimeProvider"/> where a caller without a token waits for one instead of
/// being rejected. Tokens are computed lazily from elapsed time and a waiter reserves the next token (the bucket
/// goes into debt), so waiters are served in arrival order and no timer runs. The framework's TokenBucketRateLimiter
/// refills on a real timer that ignores TimeProvider and must be disposed; the wrapped ports have no such lifetime.
/// </summary>
internal sealed class TimeTokenBucket : RateLimiter
{
    private static readonly RateLimitLease Granted = new Lease(true);
    private static readonly RateLimitLease Denied = new Lease(false);

    private readonly TimeProvider time;
    private readonly double perSecond;
    private readonly int burst;
    private readonly object gate = new();
    private double tokens;
    private long refilledAt;

    /// <param name="startFull">false: the bucket starts empty, so even the first caller waits for a token.</param>
    public TimeTokenBucket(double perSecond, int burst, TimeProvider time, bool startFull = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        this.time = time;
        this.perSecond = perSecond;
        this.burst = burst;
        tokens = startFull ? burst : 0;
        refilledAt = time.GetTimestamp();
    }

    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (gate)
        {
            Refill();
            return new RateLimiterStatistics { CurrentAvailablePermits = (long)Math.Max(0, Math.Floor(tokens)) };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        CheckPermits(permitCount);
        lock (gate)
        {
            Refill();
            if (tokens < permitCount) return Denied;
            tokens -= permitCount;
            return Granted;
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        CheckPermits(permitCount);
        cancellationToken.ThrowIfCancellationRequested();
        TimeSpan wait;
        lock (gate)
        {
            Refill();
            tokens -= permitCount;
            wait = tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-tokens / perSecond);
        }

        if (wait <= TimeSpan.Zero) return Granted;
        try
        {
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            lock (gate) tokens += permitCount;
            throw;
        }

        return Granted;
    }

    private void Refill()
    {
        var now = time.GetTimestamp();
        tokens = Math.Min(burst, tokens + time.GetElapsedTime(refilledAt, now).TotalSeconds * perSecond);
        refilledAt = now;
    }

    private void CheckPermits(int permitCount)
    {
        if (permitCount < 0 || permitCount > burst)
            throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, $"Permits must be between 0 and the burst of {burst}.");
    }

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
