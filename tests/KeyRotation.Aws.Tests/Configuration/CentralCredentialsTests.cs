using Amazon.Runtime;
using KeyRotation.Aws.Audit;
using KeyRotation.Aws.Configuration;
using KeyRotation.Aws.Endpoints;
using KeyRotation.Aws.Variables;
using Microsoft.Extensions.Time.Testing;

namespace KeyRotation.Aws.Tests.Configuration;

public sealed class CentralCredentialsTests
{
    private static readonly Func<string, bool> NoProfiles = _ => false;

    private static AWSCredentials Resolve(string? endpointUrl, AwsSettings? settings = null, params (string Name, string Value)[] variables)
    {
        var environment = new DictionaryEnvironmentVariables(variables.ToDictionary(v => v.Name, v => v.Value));
        settings ??= new AwsSettings { RunId = "r" };
        return CentralCredentials.Resolve(settings, new EndpointResolver("eu-west-1", endpointUrl, environment), environment, NoProfiles);
    }

    [Theory]
    [InlineData("http://127.0.0.1:4566")]
    [InlineData("http://localhost:4566/")]
    public void Resolve_EveryServiceOnLoopbackNothingConfigured_Placeholder(string endpoint)
    {
        var credentials = Assert.IsType<BasicAWSCredentials>(Resolve(endpoint));

        Assert.Equal(LocalEmulatorCredentials.Placeholder, credentials.GetCredentials().AccessKey);
    }

    [Fact]
    public void Resolve_EveryServiceOnLoopbackByVariable_Placeholder()
    {
        Assert.IsType<BasicAWSCredentials>(Resolve(null, null, ("AWS_ENDPOINT_URL", "http://127.0.0.1:4566")));
    }

    [Fact]
    public void Resolve_NoOverride_DefaultChain()
    {
        Assert.IsType<DefaultChainCredentials>(Resolve(null));
    }

    [Fact]
    public void Resolve_RemoteOverride_DefaultChain()
    {
        Assert.IsType<DefaultChainCredentials>(Resolve("https://emulator.example.com"));
    }

    [Fact]
    public void Resolve_OneServiceStillGoesToAws_DefaultChain()
    {
        // The credentials sign every central call; a placeholder would fail at the one real service.
        Assert.IsType<DefaultChainCredentials>(Resolve(null, null,
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"), ("AWS_ENDPOINT_URL_IAM", "https://iam.amazonaws.com")));
    }

    [Fact]
    public void Resolve_ExplicitProfileOnLoopback_DefaultChainWithTheProfile()
    {
        Assert.IsType<DefaultChainCredentials>(Resolve("http://127.0.0.1:4566", new AwsSettings { RunId = "r", Profile = "dev" }));
    }

    [Fact]
    public void Resolve_AccessKeyVariablesOnLoopback_DefaultChain()
    {
        Assert.IsType<DefaultChainCredentials>(Resolve("http://127.0.0.1:4566", null,
            ("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"), ("AWS_SECRET_ACCESS_KEY", "x")));
    }

    [Fact]
    public async Task Create_LoopbackEndpointNoCredentials_SignsWithPlaceholderAndReachesTheStub()
    {
        var time = new FakeTimeProvider(SmallOrganization.Start);
        var cloud = SmallOrganization.Create(time);
        using var server = new StubHttpServer(cloud.Handle);
        using var adapters = AwsAdapters.Create(
            new AwsSettings { RunId = "r", Region = "eu-west-1", EndpointUrl = server.Url().ToString() }, time,
            DictionaryEnvironmentVariables.Empty);

        var caller = await adapters.GetCallerIdentityAsync(CancellationToken.None);

        Assert.Equal(cloud.CallerArn, caller.Arn);
        var request = Assert.Single(cloud.Requests);
        Assert.Equal(LocalEmulatorCredentials.Placeholder, request.AccessKeyId);
    }
}
