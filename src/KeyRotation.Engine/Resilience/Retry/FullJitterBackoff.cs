namespace KeyRotation.Engine.Resilience.Retry;

/// <summary>
/// "Full jitter" (AWS Architecture Blog, Exponential Backoff and Jitter): spreads retries of many callers that
/// failed together over the whole window instead of re-synchronising them.
/// </summary>
public static class FullJitterBackoff
{
    /// <param name="attempt">0 for the wait before the first retry.</param>
    /// <param name="random">Uniform in [0, 1).</param>
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan cap, double random) =>
        TimeSpan.FromTicks((long)(Ceiling(attempt, baseDelay, cap).Ticks * Math.Clamp(random, 0, 1)));

    /// <summary>min(cap, base * 2^attempt), computed without overflow for any attempt.</summary>
    public static TimeSpan Ceiling(int attempt, TimeSpan baseDelay, TimeSpan cap)
    {
        var exponential = baseDelay.Ticks * Math.Pow(2, Math.Max(attempt, 0));
        return exponential >= cap.Ticks ? cap : TimeSpan.FromTicks((long)exponential);
    }
}
