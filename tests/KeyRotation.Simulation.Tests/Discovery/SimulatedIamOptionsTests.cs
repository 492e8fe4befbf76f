using KeyRotation.Engine.Discovery;
using KeyRotation.Engine.Ports;
using KeyRotation.Simulation.Ports;
using KeyRotation.Testing.Discovery;
using static KeyRotation.Testing.Discovery.DiscoveryWorld;

namespace KeyRotation.Simulation.Tests.Discovery;

public sealed class SimulatedIamOptionsTests
{
    [Fact]
    public void SimulatedIamOptions_Defaults_PagesOfHundredFreshReportFourHours()
    {
        var options = new SimulatedIamOptions();

        Assert.Equal(
            (100, (TimeSpan?)TimeSpan.Zero, TimeSpan.FromSeconds(4), TimeSpan.FromHours(4)),
            (options.PageSize, options.ExistingReportAge, options.ReportGenerationTime, options.ReportMaxAge));
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void DiscoverySettings_Defaults_BulkPolledEveryTwoSecondsFifteenTimes()
    {
        var settings = new DiscoverySettings();

        Assert.Equal((DiscoveryMode.Bulk, TimeSpan.FromSeconds(2), 15), (settings.Mode, settings.ReportPollInterval, settings.MaxReportPolls));
        Assert.Empty(settings.Validate());
    }

    [Fact]
    public void SimulatedWorld_BadIamOptions_NamesFieldAndValue()
    {
        var options = new SimulatedIamOptions { PageSize = 0, ReportMaxAge = TimeSpan.Zero };

        var error = Assert.Throws<ArgumentException>(() => new DiscoveryWorld(options));

        Assert.Contains("PageSize must be between 1 and 1000 (got 0)", error.Message, StringComparison.Ordinal);
        Assert.Contains("ReportMaxAge must be positive (got 00:00:00)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SimulatedWorld_BadDiscoverySettings_NamesFieldAndValue()
    {
        var error = Assert.Throws<ArgumentException>(() => new Simulation.Ports.SimulatedWorld(new Simulation.Model.SimulatedOrganization(), TimeProvider.System, 1,
            discovery: new DiscoverySettings { MaxReportPolls = -1 }));

        Assert.Contains("CredentialReportMaxPolls must be 0 to 100 (got -1)", error.Message, StringComparison.Ordinal);
    }
}
