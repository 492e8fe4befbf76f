using KeyRotation.Aws.Tests.Support;
using KeyRotation.Aws.Variables;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Tests.Configuration;

public sealed class AuditLogWiringTests
{
    [Fact]
    public async Task CreateAuditLog_UsesTheRunsCredentialsRegionAndDynamoDbEndpoint()
    {
        var transport = RecordingHandler.Always(FakeAwsCloud.JsonError(400, "ResourceNotFoundException", "Requested resource not found"));
        using var adapters = AwsAdapters.Create(AwsTestRig.Settings, environment: new DictionaryEnvironmentVariables(new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL_DYNAMODB"] = "http://127.0.0.1:8000",
        }), credentials: TestCredentials.Central, transport: transport);
        using var log = adapters.CreateAuditLog("key-rotation-audit");

        var error = await Assert.ThrowsAsync<ServiceException>(() => log.EnsureWritableAsync(CancellationToken.None));

        Assert.Equal(FailureKind.NotFound, error.Kind);
        var request = Assert.Single(transport.Requests);
        Assert.Equal(("dynamodb", "eu-west-1", TestCredentials.AccessKeyId), (request.SigningService, request.SigningRegion, request.AccessKeyId));
        Assert.Equal("http://127.0.0.1:8000/", request.Url.AbsoluteUri);
        Assert.Equal("DynamoDB_20120810.DescribeTable", request.Target);
    }
}
