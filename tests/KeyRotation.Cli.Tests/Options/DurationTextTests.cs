using KeyRotation.Cli.Options;
using KeyRotation.Cli.Settings;
using KeyRotation.Engine.Resilience.RateLimits;
using KeyRotation.Engine.Runs;

namespace KeyRotation.Cli.Tests.Options;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("90s", 90)]
    [InlineData("10m", 600)]
    [InlineData("1h30m", 5_400)]
    [InlineData("2d", 172_800)]
    [InlineData("1m500ms", 60.5)]
    [InlineData("00:10:00", 600)]
    [InlineData("1.00:00:00", 86_400)]
    public void TryParse_Accepted_GivesDuration(string text, double seconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("10 m")]
    [InlineData("10M")]
    [InlineData("-5m")]
    [InlineData("1.5h")]
    [InlineData("m10")]
    [InlineData("99999999999h")]
    [InlineData("10:xx")]
    public void TryParse_Rejected_False(string text)
    {
        Assert.False(DurationText.TryParse(text, out _));
    }

    [Fact]
    public void RunLimits_Defaults_AreTheEngineAndRetryDefaults()
    {
        Assert.Equal(new RunLimits(1_000, 4, null, 6, 20), RunLimits.Default);
        Assert.Equal(new RateLimitOptions(), RunLimits.Default.Resilience.RateLimits);
    }

    [Fact]
    public void Read_IamRequestsPerSecond_SetsTheAccountsRateAndBurst()
    {
        var options = new KeyRotation.Cli.Options.RunLimitOptions();
        var command = new System.CommandLine.RootCommand();
        options.AddTo(command);

        var limits = options.Read(command.Parse(["--iam-requests-per-second", "5", "--max-retries", "2"]));

        var rates = limits.Resilience.RateLimits;
        Assert.Equal((5d, 5, 2), (rates.IamRequestsPerSecondPerAccount, rates.IamBurstPerAccount, limits.Resilience.Retry.MaxRetryAttempts));
        Assert.Equal(new RateLimitOptions().StsRequestsPerSecond, rates.StsRequestsPerSecond);
    }

    [Fact]
    public void ApplyTo_Budget_DeadlineIsNowPlusBudget()
    {
        var now = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
        var options = new Engine.Runs.RotationRunOptions { RunId = "r", AsOf = now };

        var applied = (RunLimits.Default with { TimeBudget = TimeSpan.FromMinutes(10), MaxUsersInFlight = 2 }).ApplyTo(options, now);

        Assert.Equal((now.AddMinutes(10), 1_000, 2), (applied.Deadline, applied.MaxAccountsInFlight, applied.MaxUsersInFlight));
        Assert.Null(RunLimits.Default.ApplyTo(options, now).Deadline);
    }
}
