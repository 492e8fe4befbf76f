using KeyRotation.Core.Planning;
using KeyRotation.Core.Tests.Support;

namespace KeyRotation.Core.Tests.Planning;

public sealed class WholeDaysTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(TimeSpan.TicksPerDay - 1, 0)]
    [InlineData(TimeSpan.TicksPerDay, 1)]
    [InlineData(165 * TimeSpan.TicksPerDay - 1, 164)]
    [InlineData(165 * TimeSpan.TicksPerDay, 165)]
    [InlineData(-1, -1)]
    [InlineData(-TimeSpan.TicksPerDay, -1)]
    [InlineData(-TimeSpan.TicksPerDay - 1, -2)]
    public void Between_Span_FloorsToWholeDays(long ticks, int expected)
    {
        var then = TestClock.Now - TimeSpan.FromTicks(ticks);

        Assert.Equal(expected, WholeDays.Between(then, TestClock.Now));
    }

    [Fact]
    public void Between_CalendarExtremes_DoesNotOverflow()
    {
        Assert.Equal(3652058, WholeDays.Between(DateTimeOffset.MinValue, DateTimeOffset.MaxValue));
        Assert.Equal(-3652059, WholeDays.Between(DateTimeOffset.MaxValue, DateTimeOffset.MinValue));
    }
}
