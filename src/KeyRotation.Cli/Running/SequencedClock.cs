namespace KeyRotation.Cli.Running;

/// <summary>
/// The engine's clock in a simulated run: the evaluation instant, one tick (100 ns) later at every reading. The
/// simulated organization stays frozen at that instant, so a run's events would all share one occurredAt; audit
/// listings order by occurredAt and then by the (random-looking) event id, and RunFinished could list before
/// RunStarted. Counting readings keeps them in the order they were recorded, well within a second of the
/// evaluation instant whatever the run's real duration. Elapsed time and timers stay real, for time budgets and backoff.
/// </summary>
internal sealed class SequencedClock(DateTimeOffset start, TimeProvider ticking) : TimeProvider
{
    private long readings = -1;

    public override long TimestampFrequency => ticking.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => start.ToUniversalTime().AddTicks(Interlocked.Increment(ref readings));

    public override long GetTimestamp() => ticking.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        ticking.CreateTimer(callback, state, dueTime, period);
}
