using KeyRotation.Core.Planning;
using KeyRotation.Core.Tags;
using KeyRotation.Core.Tests.Support;

namespace KeyRotation.Core.Tests.Planning;

public sealed class ExemptionTagTests
{
    private static ExemptionState Read(string? value, DateTimeOffset? now = null)
    {
        var tags = value is null
            ? new Dictionary<string, string>()
            : new Dictionary<string, string> { [TagConventions.Default.Exempt] = value };
        return ExemptionTag.Read(tags, TagConventions.Default, now ?? TestClock.Now).State;
    }

    [Theory]
    [InlineData(null, "NotExempt")]
    [InlineData("false", "NotExempt")]
    [InlineData("False", "NotExempt")]
    [InlineData("true", "Exempt")]
    [InlineData(" True ", "Exempt")]
    [InlineData("until:2026-11-30", "Exempt")]
    [InlineData("UNTIL: 2026-11-29", "Exempt")]
    [InlineData("until:9999-12-31", "Exempt")]
    [InlineData("until:2026-11-28", "Expired")]
    [InlineData("until:0001-01-01", "Expired")]
    [InlineData("", "Unreadable")]
    [InlineData("yes", "Unreadable")]
    [InlineData("until:", "Unreadable")]
    [InlineData("until:29/11/2026", "Unreadable")]
    [InlineData("until:2026-11-29T00:00:00Z", "Unreadable")]
    [InlineData("2026-12-31", "Unreadable")]
    public void Read_Value_ClassifiedAtNoonOn20261129(string? value, string expected)
    {
        Assert.Equal(Enum.Parse<ExemptionState>(expected), Read(value));
    }

    [Fact]
    public void Read_UntilDate_ExemptUntilLastTickOfThatUtcDay()
    {
        var lastTick = new DateTimeOffset(2026, 11, 29, 23, 59, 59, TimeSpan.Zero).AddTicks(TimeSpan.TicksPerSecond - 1);

        Assert.Equal(ExemptionState.Exempt, Read("until:2026-11-29", lastTick));
        Assert.Equal(ExemptionState.Expired, Read("until:2026-11-29", lastTick.AddTicks(1)));
    }

    [Fact]
    public void Read_UntilDate_JudgedInUtcNotLocalOffset()
    {
        // 2026-11-30 01:00 at +02:00 is still 2026-11-29 in UTC.
        var now = new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.FromHours(2));

        Assert.Equal(ExemptionState.Exempt, Read("until:2026-11-29", now));
    }
}
