namespace KeyRotation.Cli.Running;

/// <summary>
/// The simulation's wall clock stands still at the evaluation instant, so keys it creates or deactivates carry
/// --as-of and a saved state replays at the same instant. Timers and timestamps stay real, so backoff delays and
/// elapsed-time measurements still work.
/// </summary>
internal sealed class FrozenClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}
