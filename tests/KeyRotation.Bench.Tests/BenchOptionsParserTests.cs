using KeyRotation.Bench.Options;

namespace KeyRotation.Bench.Tests;

public sealed class BenchOptionsParserTests
{
    [Fact]
    public void Parse_OrganizationsRates_ListOfRates()
    {
        var options = BenchOptionsParser.Parse(["--org-rates", "1,2.5,10"]);

        Assert.Equal([1, 2.5, 10], options.OrganizationsRates);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("fast")]
    [InlineData("-1")]
    public void Parse_OrganizationsRateNotPositive_NamesOptionAndValue(string rate)
    {
        var error = Assert.Throws<FormatException>(() => BenchOptionsParser.Parse(["--org-rates", rate]));

        Assert.Contains("--org-rates", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{rate}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FanOutAndPeerOptions_Set()
    {
        var options = BenchOptionsParser.Parse([
            "--runs", "fan-out,peer", "--fan-out-concurrency", "40", "--item-start-ms", "150", "--invoke-ms", "10",
            "--peer-concurrency", "500", "--lambda-in-flight", "32", "--ous", "3", "--fan-out-time-scale", "0.2", "--peer-time-scale", "1",
        ]);

        Assert.Equal(["fan-out", "peer"], options.Runs.Order(StringComparer.Ordinal));
        Assert.Equal(40, options.FanOutConcurrency);
        Assert.Equal(TimeSpan.FromMilliseconds(150), options.ItemStartOverhead);
        Assert.Equal(TimeSpan.FromMilliseconds(10), options.InvokeLatency);
        Assert.Equal(500, options.PeerConcurrency);
        Assert.Equal(32, options.LambdaAccountsInFlight);
        Assert.Equal(3, options.OrganizationalUnits);
        Assert.Equal(0.2, options.FanOutTimeScale);
        Assert.Equal(1, options.PeerTimeScale);
    }

    [Theory]
    [InlineData("turns")]
    [InlineData("shares")]
    public void Parse_FanOutPacing_Set(string pacing)
    {
        Assert.Equal(pacing, BenchOptionsParser.Parse(["--fan-out-pacing", pacing]).FanOutPacing);
    }

    [Fact]
    public void Parse_UnknownFanOutPacing_NamedWithTheChoices()
    {
        var error = Assert.Throws<FormatException>(() => BenchOptionsParser.Parse(["--fan-out-pacing", "bucket"]));

        Assert.Equal("--fan-out-pacing: 'bucket' must be turns or shares", error.Message);
    }

    [Fact]
    public void Parse_UnknownRun_Named()
    {
        var error = Assert.Throws<FormatException>(() => BenchOptionsParser.Parse(["--runs", "ours-bulk,fanout"]));

        Assert.Contains("'fanout'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_TemplateSettings()
    {
        var options = new BenchOptions();

        Assert.Equal(20, options.FanOutConcurrency);
        Assert.Equal(BenchOptions.SharedTurns, options.FanOutPacing);
        Assert.Equal(64, options.LambdaAccountsInFlight);
        Assert.Empty(options.OrganizationsRates);
    }

    [Fact]
    public void WithOrganizationsRate_ServerLimitAndClientPacingBoth()
    {
        var options = new BenchOptions().WithOrganizationsRate(7);

        Assert.Equal(7, options.Costs.Organizations.RequestsPerSecond);
        Assert.Equal(new BenchOptions().Costs.Organizations.Burst, options.Costs.Organizations.Burst);
        Assert.Equal(7, options.Resilience.RateLimits.OrganizationsRequestsPerSecond);
    }

    [Fact]
    public void Parse_ClientOrganizationsPacing_OnlyOrganizationsChanged()
    {
        var options = BenchOptionsParser.Parse(["--client-org", "0.1/1"]);

        Assert.Equal(0.1, options.Resilience.RateLimits.OrganizationsRequestsPerSecond);
        Assert.Equal(1, options.Resilience.RateLimits.OrganizationsBurst);
        Assert.Equal(new BenchOptions().Resilience.RateLimits.StsRequestsPerSecond, options.Resilience.RateLimits.StsRequestsPerSecond);
    }
}
