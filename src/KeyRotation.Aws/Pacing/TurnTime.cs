namespace KeyRotation.Aws.Pacing;

/// <summary>
/// The turns item's number: whole microseconds since the Unix epoch. A DynamoDB number holds 38 digits, so it is
/// exact, and integer arithmetic on it (<c>#next + :interval</c>) never rounds; a tick is 0.1 microsecond, so a time
/// loses at most its last tick and an interval is rounded to the nearest microsecond.
/// </summary>
internal static class TurnTime
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMicrosecond;

    public static long ToMicroseconds(DateTimeOffset time)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        // Floor, so that a time before the epoch is not moved later either.
        return ticks / TicksPerMicrosecond - (ticks % TicksPerMicrosecond < 0 ? 1 : 0);
    }

    public static DateTimeOffset FromMicroseconds(long microseconds) =>
        DateTimeOffset.UnixEpoch.AddTicks(checked(microseconds * TicksPerMicrosecond));

    /// <summary>The interval in whole microseconds, at least one: a positive interval must move the next turn on.</summary>
    public static long IntervalMicroseconds(TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        return Math.Max(1, (interval.Ticks + TicksPerMicrosecond / 2) / TicksPerMicrosecond);
    }
}
