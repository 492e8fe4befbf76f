using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using KeyRotation.Aws.Audit;
using KeyRotation.Aws.Pacing;
using KeyRotation.Aws.Tests.Audit.Dynalite;
using KeyRotation.Aws.Tests.Support;
using KeyRotation.Aws.Variables;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Tests.Pacing;

/// <summary>How a run reaches the turns table, and what a failure that is not an answer becomes.</summary>
public sealed class OrganizationsTurnsWiringTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 15, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The run's credentials, region and DynamoDB endpoint override; one request per call, however often it is
    /// throttled (the engine's pipeline is the one retry layer); the UpdateItem the port's contract describes.
    /// </summary>
    [Fact]
    public async Task CreateOrganizationsTurns_Throttled_OneConditionalUpdateItemToTheRunsDynamoDbEndpoint()
    {
        var transport = RecordingHandler.Always(FakeAwsCloud.JsonError(400, "ThrottlingException", "Rate exceeded"));
        using var adapters = AwsAdapters.Create(AwsTestRig.Settings, environment: new DictionaryEnvironmentVariables(new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL_DYNAMODB"] = "http://127.0.0.1:8000",
        }), credentials: TestCredentials.Central, transport: transport);
        using var turns = adapters.CreateOrganizationsTurns("key-rotation-turns");

        var error = await Assert.ThrowsAsync<ServiceException>(() =>
            turns.TryTakeNextAsync(TimeSpan.FromMilliseconds(250), T0, T0.AddSeconds(10), CancellationToken.None));

        Assert.Equal(FailureKind.Throttling, error.Kind);
        Assert.Equal("key-rotation-turns", turns.Name);
        var request = Assert.Single(transport.Requests);
        Assert.Equal(("dynamodb", "eu-west-1", TestCredentials.AccessKeyId), (request.SigningService, request.SigningRegion, request.AccessKeyId));
        Assert.Equal("http://127.0.0.1:8000/", request.Url.AbsoluteUri);
        Assert.Equal("DynamoDB_20120810.UpdateItem", request.Target);
        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        Assert.Equal("key-rotation-turns", root.GetProperty("TableName").GetString());
        Assert.Equal("organizations", root.GetProperty("Key").GetProperty("pk").GetProperty("S").GetString());
        Assert.Equal("#next BETWEEN :earliest AND :latest", root.GetProperty("ConditionExpression").GetString());
        Assert.Equal("250000", root.GetProperty("ExpressionAttributeValues").GetProperty(":interval").GetProperty("N").GetString());
        Assert.Equal((T0.ToUnixTimeMilliseconds() * 1000).ToString(),
            root.GetProperty("ExpressionAttributeValues").GetProperty(":earliest").GetProperty("N").GetString());
    }

    [Fact]
    public async Task TryTakeNextAsync_NothingListening_ThrowsUnreachableNamingTheTableNotTheCredentials()
    {
        string endpoint;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            endpoint = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        }
        using var turns = new DynamoDbOrganizationsTurns(DynamoDbClientFactory.Create(
            new AuditStoreSettings("turns-down", "us-east-1", endpoint) { MaxErrorRetry = 0 }, DynaliteFixture.Credentials),
            "turns-down", ownsClient: true);

        var error = await Assert.ThrowsAsync<ServiceException>(() =>
            turns.TryTakeNextAsync(TimeSpan.FromMilliseconds(250), T0, T0.AddSeconds(10), CancellationToken.None));

        Assert.Equal((FailureKind.Unreachable, "UpdateItem"), (error.Kind, error.Operation));
        Assert.Contains("Organizations turns table 'turns-down'", error.Message);
        Assert.Contains(endpoint, error.Message);
        Assert.DoesNotContain("dynalite", error.Message);
    }

    [Fact]
    public async Task TryTakeNextAsync_EarliestAfterLatest_ThrowsWithoutARequest()
    {
        var transport = RecordingHandler.Always(FakeAwsCloud.JsonError(500, "InternalServerError", "unexpected request"));
        using var adapters = AwsAdapters.Create(AwsTestRig.Settings, credentials: TestCredentials.Central, transport: transport);
        using var turns = adapters.CreateOrganizationsTurns("key-rotation-turns");

        await Assert.ThrowsAsync<ArgumentException>(() =>
            turns.TryTakeNextAsync(TimeSpan.FromMilliseconds(250), T0, T0.AddTicks(-10), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            turns.TryRestartAsync(T0, T0, T0.AddTicks(-10), CancellationToken.None));

        Assert.Empty(transport.Requests);
    }
}
