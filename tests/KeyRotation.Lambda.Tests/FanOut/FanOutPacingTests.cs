using KeyRotation.Core.Facts;
using KeyRotation.Engine.Resilience.RateLimits;
using KeyRotation.Engine.Sweep;
using KeyRotation.Lambda.Configuration;
using KeyRotation.Lambda.Events;
using KeyRotation.Lambda.Tests.Support;
using KeyRotation.Lambda.Tests.Templates;
using static KeyRotation.Lambda.Tests.Templates.CfnTemplate;
using V = KeyRotation.Lambda.Configuration.EnvironmentVariables;

namespace KeyRotation.Lambda.Tests.FanOut;

/// <summary>The fan-out's rotate-account steps together stay within the organization's one Organizations rate.</summary>
public sealed class FanOutPacingTests
{
    [Fact]
    public void Pacing_RateAndConcurrencySet_RotateAccountAtItsShareOthersAtTheRate()
    {
        var settings = HostSettingsReader.Read(FakeEnvironment.With((V.OrganizationsRequestsPerSecond, "5"), (V.FanOutConcurrency, "20")));

        var step = settings.Pacing(new RateLimitOptions(), fanOutStep: true);
        var sweep = settings.Pacing(new RateLimitOptions(), fanOutStep: false);

        Assert.Equal((0.25, 1, false), (step.OrganizationsRequestsPerSecond, step.OrganizationsBurst, step.OrganizationsStartsFull));
        Assert.Equal((5d, true), (sweep.OrganizationsRequestsPerSecond, sweep.OrganizationsStartsFull));
    }

    [Fact]
    public void Pacing_TurnsTableSet_RotateAccountAtTheWholeRate()
    {
        var settings = HostSettingsReader.Read(FakeEnvironment.With(
            (V.OrganizationsRequestsPerSecond, "5"), (V.FanOutConcurrency, "20"), (V.OrganizationsTurnsTable, "turns-table")));

        var step = settings.Pacing(new RateLimitOptions(), fanOutStep: true);

        Assert.Equal("turns-table", settings.OrganizationsTurnsTable);
        Assert.Equal((5d, true), (step.OrganizationsRequestsPerSecond, step.OrganizationsStartsFull));
    }

    [Fact]
    public void Read_TurnsTableNameDynamoDbRefuses_ProblemNamesTheVariable()
    {
        var error = Assert.Throws<ConfigurationException>(() => HostSettingsReader.Read(FakeEnvironment.With((V.OrganizationsTurnsTable, "no spaces"))));

        Assert.Contains(error.Problems, p => p.StartsWith(V.OrganizationsTurnsTable + "=", StringComparison.Ordinal) && p.Contains("DynamoDB table name", StringComparison.Ordinal));
    }

    [Fact]
    public void Pacing_NothingSet_TheEnginesRateWhole()
    {
        var settings = HostSettingsReader.Read(FakeEnvironment.With());

        Assert.Equal(2, settings.Pacing(new RateLimitOptions(), fanOutStep: true).OrganizationsRequestsPerSecond);
    }

    [Theory]
    [InlineData(V.FanOutConcurrency, "0", "KEYROTATION_FAN_OUT_CONCURRENCY: '0' is not a whole number from 1 to 1000")]
    [InlineData(V.OrganizationsRequestsPerSecond, "0.5", "KEYROTATION_ORGANIZATIONS_REQUESTS_PER_SECOND: '0.5' is not a whole number from 1 to 100")]
    public void Read_BadRateOrConcurrency_ProblemNamesTheVariableAndValue(string variable, string value, string problem)
    {
        var error = Assert.Throws<ConfigurationException>(() => HostSettingsReader.Read(FakeEnvironment.With((variable, value))));

        Assert.Contains(problem, error.Problems);
    }

    /// <summary>The template tells the function the map's concurrency, so each step knows its share.</summary>
    [Fact]
    public void Template_Function_GetsTheMapsConcurrencyAndTheOrganizationsRate()
    {
        var variables = Path(Templates.Templates.Central.Resource("Function"), "Properties", "Environment", "Variables");

        Assert.Equal("MaxConcurrentAccountExecutions", Path(variables, V.FanOutConcurrency, "Ref"));
        Assert.Equal("OrganizationsRequestsPerSecond", Path(variables, V.OrganizationsRequestsPerSecond, "Ref"));
        Assert.Equal(2, Convert.ToInt32(Path(Templates.Templates.Central.Parameters, "OrganizationsRequestsPerSecond", "Default"),
            System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void AccountMapping_TagsNotListed_LeftOutOfTheItemAndClaimedAsNotListed()
    {
        var facts = new AccountFacts("222222222222", "a", AccountState.Active, [], OrganizationSweep.TagsNotListed);

        var target = AccountMapping.ToTarget(facts, Core.Tags.TagConventions.Default);

        Assert.Null(target.Tags);
        Assert.Same(OrganizationSweep.TagsNotListed, AccountMapping.ToClaimedFacts(target).Tags);
    }
}
