using KeyRotation.Aws.Pacing;

namespace KeyRotation.Aws.Tests.Pacing;

public sealed class TurnTimeTests
{
    [Fact]
    public void ToMicroseconds_WholeMicroseconds_RoundTripsExactly()
    {
        var time = new DateTimeOffset(2026, 12, 7, 15, 34, 29, TimeSpan.FromHours(2)).AddTicks(9_876_540);

        var microseconds = TurnTime.ToMicroseconds(time);

        Assert.Equal((time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10, microseconds);
        Assert.Equal(time, TurnTime.FromMicroseconds(microseconds));
    }

    [Theory]
    [InlineData(19, 1)]
    [InlineData(-1, -1)]
    [InlineData(-10, -1)]
    [InlineData(-11, -2)]
    public void ToMicroseconds_TicksBetweenMicroseconds_Floors(long ticksFromEpoch, long expected) =>
        Assert.Equal(expected, TurnTime.ToMicroseconds(DateTimeOffset.UnixEpoch.AddTicks(ticksFromEpoch)));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(14, 1)]
    [InlineData(15, 2)]
    [InlineData(2_500_000, 250_000)]
    public void IntervalMicroseconds_PositiveInterval_NearestMicrosecondAtLeastOne(long ticks, long expected) =>
        Assert.Equal(expected, TurnTime.IntervalMicroseconds(TimeSpan.FromTicks(ticks)));

    [Theory]
    [InlineData(0)]
    [InlineData(-10)]
    public void IntervalMicroseconds_NotPositive_Throws(long ticks) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TurnTime.IntervalMicroseconds(TimeSpan.FromTicks(ticks)));
}
