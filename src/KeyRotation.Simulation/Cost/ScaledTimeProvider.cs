namespace KeyRotation.Simulation.Cost;

/// <summary>
/// Simulated time running <c>1 / Scale</c> times as fast as an inner clock: with Scale 0.01 a simulated second
/// takes 10 real milliseconds. Timers, timestamps and the wall clock are all scaled, so latency, token buckets,
/// backoff delays and deadlines keep their ratios. Real durations convert back with <see cref="ToSimulated"/>.
/// </summary>
/// <remarks>
/// Timers fire no more precisely than the inner clock's (about a millisecond on the system clock), so small scales
/// inflate short delays: keep scaled latencies well above a millisecond when measuring.
/// </remarks>
public sealed class ScaledTimeProvider : TimeProvider
{
    private readonly TimeProvider inner;
    private readonly DateTimeOffset start;
    private readonly long innerStart;

    /// <param name="start">Simulated time at creation.</param>
    /// <param name="scale">Real seconds per simulated second, in (0, 1000]. 1 is real time.</param>
    /// <param name="inner">The real clock. Default <see cref="TimeProvider.System"/>.</param>
    public ScaledTimeProvider(DateTimeOffset start, double scale, TimeProvider? inner = null)
    {
        if (!(scale > 0 && scale <= 1000))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "TimeScale must be greater than 0 and at most 1000.");
        }

        this.inner = inner ?? System;
        this.start = start;
        Scale = scale;
        innerStart = this.inner.GetTimestamp();
    }

    public double Scale { get; }

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow() => start + ToSimulated(inner.GetElapsedTime(innerStart));

    public override long GetTimestamp() => (long)((inner.GetTimestamp() - innerStart) / Scale);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(inner.CreateTimer(callback, state, ToReal(dueTime), ToReal(period)), this);

    /// <summary>A real duration in simulated time.</summary>
    public TimeSpan ToSimulated(TimeSpan real) => TimeSpan.FromTicks((long)(real.Ticks / Scale));

    /// <summary>A simulated duration in real time; infinite stays infinite.</summary>
    public TimeSpan ToReal(TimeSpan simulated) =>
        simulated == Timeout.InfiniteTimeSpan ? simulated : TimeSpan.FromTicks((long)Math.Ceiling(simulated.Ticks * Scale));

    private sealed class ScaledTimer(ITimer inner, ScaledTimeProvider clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(clock.ToReal(dueTime), clock.ToReal(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
