namespace KeyRotation.Cli.Running;

/// <summary>
/// The simulation's wall clock stands still at the evaluation instant, so keys it creates or deactivates carry
/// --as-of and a saved state replays at the same instant. Timestamps and timers come from the host's clock, so
/// elapsed-time measurements (the engine's deadline check) still work.
/// </summary>
internal sealed class FrozenClock(DateTimeOffset now, TimeProvider ticking) : TimeProvider
{
    public FrozenClock(DateTimeOffset now)
        : this(now, TimeProvider.System)
    {
    }

    public override long TimestampFrequency => ticking.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();

    public override long GetTimestamp() => ticking.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        ticking.CreateTimer(callback, state, dueTime, period);
}
