using KeyRotation.Aws.Audit;

namespace KeyRotation.Aws.Tests.Audit;

public sealed class AuditStoreConfigTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] vars) =>
        name => vars.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Ctor_Defaults()
    {
        var settings = new AuditStoreSettings("t");
        var options = new DynamoDbAuditLogOptions();

        Assert.Equal((null, null, null), (settings.Region, settings.EndpointUrl, settings.Profile));
        Assert.Equal(2, settings.MaxErrorRetry);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.Timeout);
        Assert.Equal((8, 8, null, 400, 100_000),
            (options.MaxParallelWrites, options.MaxParallelLookups, options.PageSize, options.MaxDayPartitions, options.MaxScanItems));
    }

    [Fact]
    public void Ctor_Defaults_TableAdmin()
    {
        using var client = DynamoDbClientFactory.Create(new AuditStoreSettings("t", "us-east-1", "http://127.0.0.1:1"),
            Dynalite.DynaliteFixture.Credentials);
        using var admin = new DynamoDbAuditTableAdmin(client, "t", TimeProvider.System);

        Assert.Equal((TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(10)), (admin.PollInterval, admin.ActiveTimeout));
    }

    [Fact]
    public void Resolve_FlagAndBothVariables_FlagWins()
    {
        var env = Env(("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:2"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:3"));

        Assert.Equal("http://127.0.0.1:1", AuditEndpoint.Resolve("http://127.0.0.1:1", env));
    }

    [Fact]
    public void Resolve_BothVariables_ServiceSpecificWins()
    {
        var env = Env(("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:2"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:3"));

        Assert.Equal("http://127.0.0.1:2", AuditEndpoint.Resolve(null, env));
    }

    [Fact]
    public void Resolve_GenericVariableOnly_UsesIt()
    {
        Assert.Equal("http://127.0.0.1:3", AuditEndpoint.Resolve(" ", Env(("AWS_ENDPOINT_URL", "http://127.0.0.1:3"))));
    }

    [Fact]
    public void Resolve_Nothing_ReturnsNull()
    {
        Assert.Null(AuditEndpoint.Resolve(null, Env()));
    }

    [Fact]
    public void Resolve_NotAUrl_ThrowsNamingValue()
    {
        var error = Assert.Throws<ArgumentException>(() => AuditEndpoint.Resolve("localhost:8000", Env()));

        Assert.Contains("'localhost:8000'", error.Message);
    }

    [Fact]
    public void BuildConfig_EndpointAndRegion_SendsThereAndSignsForRegion()
    {
        var config = DynamoDbClientFactory.BuildConfig(
            new AuditStoreSettings("t", "eu-west-1", "http://127.0.0.1:8000") { MaxErrorRetry = 1 }, Env());

        Assert.Equal("http://127.0.0.1:8000", config.ServiceURL?.TrimEnd('/'));
        Assert.Equal("eu-west-1", config.AuthenticationRegion);
        Assert.Equal(1, config.MaxErrorRetry);
        Assert.Equal(TimeSpan.FromSeconds(10), config.Timeout);
    }

    [Fact]
    public void BuildConfig_RegionOnly_UsesRegionalEndpoint()
    {
        var config = DynamoDbClientFactory.BuildConfig(new AuditStoreSettings("t", "eu-central-1"), Env());

        Assert.Null(config.ServiceURL);
        Assert.Equal("eu-central-1", config.RegionEndpoint?.SystemName);
    }

    [Fact]
    public void BuildConfig_EndpointFromEnvironmentWithoutRegion_SignsForEnvironmentRegion()
    {
        var config = DynamoDbClientFactory.BuildConfig(new AuditStoreSettings("t"),
            Env(("AWS_ENDPOINT_URL", "http://127.0.0.1:9"), ("AWS_REGION", "ap-south-1")));

        Assert.Equal("http://127.0.0.1:9", config.ServiceURL?.TrimEnd('/'));
        Assert.Equal("ap-south-1", config.AuthenticationRegion);
    }

    [Fact]
    public void Create_UnknownProfile_ThrowsNamingProfile()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            DynamoDbClientFactory.Create(new AuditStoreSettings("t", "us-east-1", Profile: "no-such-profile-xyz")));

        Assert.Contains("'no-such-profile-xyz'", error.Message);
    }
}
