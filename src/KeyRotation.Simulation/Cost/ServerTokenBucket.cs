namespace KeyRotation.Simulation.Cost;

/// <summary>
/// A service's side of rate limiting: a call takes a token or is refused, it never waits. Tokens refill
/// continuously from the injected clock, so a scaled or fake clock paces the bucket exactly as it paces latency.
/// </summary>
internal sealed class ServerTokenBucket
{
    private readonly Lock sync = new();
    private readonly TimeProvider time;
    private readonly double perSecond;
    private readonly int burst;
    private double tokens;
    private long refilledAt;

    public ServerTokenBucket(double perSecond, int burst, TimeProvider time)
    {
        this.time = time;
        this.perSecond = perSecond;
        this.burst = burst;
        tokens = burst;
        refilledAt = time.GetTimestamp();
    }

    public bool TryTake()
    {
        lock (sync)
        {
            var now = time.GetTimestamp();
            tokens = Math.Min(burst, tokens + (time.GetElapsedTime(refilledAt, now).TotalSeconds * perSecond));
            refilledAt = now;
            if (tokens < 1)
            {
                return false;
            }

            tokens -= 1;
            return true;
        }
    }
}
