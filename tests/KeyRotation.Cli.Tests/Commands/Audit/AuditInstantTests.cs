using KeyRotation.Cli.Commands.Audit;

namespace KeyRotation.Cli.Tests.Commands.Audit;

public sealed class AuditInstantTests
{
    [Theory]
    [InlineData("2026-11-29", "2026-11-29T00:00:00.0000000+00:00")]
    [InlineData("2026-11-29T12:00:00Z", "2026-11-29T12:00:00.0000000+00:00")]
    [InlineData("2026-11-29T12:00Z", "2026-11-29T12:00:00.0000000+00:00")]
    [InlineData("2026-11-29T12:00:00.1234567Z", "2026-11-29T12:00:00.1234567+00:00")]
    [InlineData("2026-11-29T01:30:00+02:00", "2026-11-28T23:30:00.0000000+00:00")]
    [InlineData(" 2026-11-29T12:00:00-05:00 ", "2026-11-29T17:00:00.0000000+00:00")]
    public void TryParse_Valid_GivesUtcInstant(string text, string expected)
    {
        Assert.Null(AuditInstant.TryParse("--since", text, out var value));
        Assert.Equal(expected, value.ToUniversalTime().ToString("O"));
    }

    [Theory]
    [InlineData("2026-11-29T12:00:00", "has no time zone")]
    [InlineData("2026-02-30", "is not an ISO 8601 date")]
    [InlineData("29/11/2026", "is not an ISO 8601 date")]
    [InlineData("2026-11-29T25:00:00Z", "is not an ISO 8601 date")]
    [InlineData("", "is not an ISO 8601 date")]
    [InlineData("1732881600", "is not an ISO 8601 date")]
    public void TryParse_Invalid_NamesOptionAndValue(string text, string expected)
    {
        var error = AuditInstant.TryParse("--until", text, out _);

        Assert.NotNull(error);
        Assert.StartsWith($"--until '{text}' ", error);
        Assert.Contains(expected, error);
    }
}
