using Amazon.SecurityToken;
using KeyRotation.Aws.Configuration;
using KeyRotation.Aws.Endpoints;
using KeyRotation.Aws.Tests.Support;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Tests.Configuration;

public sealed class AwsContextTests
{
    private static AwsContext Context(string? endpointUrl, int retries = 1) => new(
        new AwsSettings { RunId = "r", SdkMaxErrorRetry = retries, RequestTimeout = TimeSpan.FromSeconds(7) }, "ap-northeast-1",
        TestCredentials.Central, new EndpointResolver("ap-northeast-1", endpointUrl, DictionaryEnvironmentVariables.Empty));

    [Fact]
    public void ConfigureSdkClient_NoOverride_RegionRetryCapAndTimeout()
    {
        var config = new AmazonSecurityTokenServiceConfig();

        Context(null, retries: 0).ConfigureSdkClient(config, AwsService.DynamoDb);

        Assert.Equal("ap-northeast-1", config.RegionEndpoint.SystemName);
        Assert.Equal(0, config.MaxErrorRetry);
        Assert.Equal(TimeSpan.FromSeconds(7), config.Timeout);
        Assert.True(config.IgnoreConfiguredEndpointUrls);
    }

    [Fact]
    public void ConfigureSdkClient_Override_ServiceUrlAndSigningRegion()
    {
        var config = new AmazonSecurityTokenServiceConfig();

        Context("http://127.0.0.1:4566").ConfigureSdkClient(config, AwsService.DynamoDb);

        Assert.Equal("http://127.0.0.1:4566/", config.ServiceURL);
        Assert.Equal("ap-northeast-1", config.AuthenticationRegion);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(3, 1)]
    public async Task Sts_ServiceUnavailable_NoSdkRetryWhateverTheCapThenTransientError(int retries, int attempts)
    {
        var transport = RecordingHandler.Always(FakeAwsCloud.QueryError("sts", 503, "ServiceUnavailable", "try later"));
        using var adapters = AwsAdapters.Create(AwsTestRig.Settings with { SdkMaxErrorRetry = retries }, environment: DictionaryEnvironmentVariables.Empty,
            credentials: TestCredentials.Central, transport: transport);

        var error = await Assert.ThrowsAsync<ServiceException>(() => adapters.GetCallerIdentityAsync(CancellationToken.None));

        Assert.Equal(("STS", "GetCallerIdentity", "ServiceUnavailable", FailureKind.Transient), (error.Service, error.Operation, error.Code, error.Kind));
        Assert.Equal(attempts, transport.Requests.Count);
    }
}
