namespace KeyRotation.Simulation.Tests.Support;

/// <summary>A clock that never moves, so the ports' timestamps are known.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    public FixedClock()
        : this(Now)
    {
    }

    public override DateTimeOffset GetUtcNow() => now;
}
