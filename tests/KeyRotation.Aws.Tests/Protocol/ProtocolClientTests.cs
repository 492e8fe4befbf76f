using System.Text.Json.Nodes;
using Amazon.Runtime;
using KeyRotation.Aws.Endpoints;
using KeyRotation.Aws.Protocol;
using KeyRotation.Aws.Tests.Support;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Tests.Protocol;

public sealed class ProtocolClientTests
{
    private static readonly ServiceEndpoint IamEndpoint = new(AwsService.Iam, new Uri("https://iam.amazonaws.com/"), "us-east-1", false);
    private static readonly ServiceEndpoint SecretsEndpoint =
        new(AwsService.SecretsManager, new Uri("https://secretsmanager.eu-west-1.amazonaws.com/"), "eu-west-1", false);

    private static QueryClient Query(HttpMessageHandler transport, AWSCredentials? credentials = null) =>
        new(new SignedHttpClientFactory(transport, TimeSpan.FromSeconds(30)).Create(credentials ?? TestCredentials.Central, IamEndpoint),
            IamEndpoint, "2010-05-08");

    private static JsonClient Json(HttpMessageHandler transport) =>
        new(new SignedHttpClientFactory(transport, TimeSpan.FromSeconds(30)).Create(TestCredentials.Central, SecretsEndpoint),
            SecretsEndpoint, "secretsmanager");

    [Fact]
    public async Task Query_ErrorResponse_OneTypedErrorWithoutTheRequestBody()
    {
        var transport = RecordingHandler.Always(FakeAwsCloud.QueryError("iam", 409, "LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: 2"));

        var error = await Assert.ThrowsAsync<ServiceException>(() =>
            Query(transport).SendAsync("CreateAccessKey", new QueryParameters().Add("UserName", "body-only-value"), CancellationToken.None));

        Assert.Equal(("IAM", "CreateAccessKey", "LimitExceeded", FailureKind.LimitExceeded, 409, "req-LimitExceeded"),
            (error.Service, error.Operation, error.Code, error.Kind, error.HttpStatus, error.RequestId));
        Assert.Equal("IAM CreateAccessKey failed: LimitExceeded (HTTP 409): Cannot exceed quota for AccessKeysPerUser: 2 [request req-LimitExceeded]", error.Message);
        Assert.DoesNotContain("body-only-value", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_ErrorEchoingASecret_SecretCutFromMessage()
    {
        var transport = RecordingHandler.Always(FakeAwsCloud.JsonError(400, "InvalidParameterException", "Bad value: TOPSECRET/value+1"));

        var error = await Assert.ThrowsAsync<ServiceException>(() => Json(transport).SendAsync("PutSecretValue",
            new JsonObject { ["SecretId"] = "s", ["SecretString"] = "TOPSECRET/value+1" }, CancellationToken.None, ["TOPSECRET/value+1"]));

        Assert.Equal(FailureKind.Validation, error.Kind);
        Assert.Contains("Bad value: [secret]", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("TOPSECRET", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_Request_TargetContentTypeAndBody()
    {
        var transport = RecordingHandler.Always(StubResponse.AwsJson("""{"ARN":"arn:x"}"""));

        var output = await Json(transport).SendAsync("DescribeSecret", new JsonObject { ["SecretId"] = "a+b" }, CancellationToken.None);

        var request = Assert.Single(transport.Requests);
        Assert.Equal("secretsmanager.DescribeSecret", request.Target);
        Assert.Equal("application/x-amz-json-1.1", request.Header("Content-Type"));
        Assert.Equal("""{"SecretId":"a+b"}""", request.Body);
        Assert.Equal("arn:x", output.GetProperty("ARN").GetString());
    }

    [Fact]
    public async Task Query_Request_FormContentTypeAndResultElement()
    {
        var transport = RecordingHandler.Always(StubResponse.Xml(
            """<GetUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetUserResult><User><Arn>arn:aws:iam::1:user/a</Arn></User></GetUserResult></GetUserResponse>"""));

        var result = await Query(transport).SendAsync("GetUser", new QueryParameters().Add("UserName", "a+b"), CancellationToken.None);

        var request = Assert.Single(transport.Requests);
        Assert.Equal("application/x-www-form-urlencoded; charset=utf-8", request.Header("Content-Type"));
        Assert.Equal("Action=GetUser&Version=2010-05-08&UserName=a%2Bb", request.Body);
        Assert.Equal("a+b", request.Field("UserName"));
        Assert.Equal("arn:aws:iam::1:user/a", result.Element("User")!.Element("Arn")!.Value);
    }

    [Fact]
    public async Task Query_SuccessWithUnreadableBody_FinalMalformedResponse()
    {
        var error = await Assert.ThrowsAsync<ServiceException>(() =>
            Query(RecordingHandler.Always(StubResponse.Xml("<oops"))).SendAsync("ListUsers", new QueryParameters(), CancellationToken.None));

        Assert.Equal(("MalformedResponse", FailureKind.Final), (error.Code, error.Kind));
    }

    [Fact]
    public async Task Query_ConnectionRefused_UnreachableRetryable()
    {
        var endpoint = IamEndpoint with { Url = new Uri($"http://127.0.0.1:{StubHttpServer.FreePort()}/") };
        using var transport = SignedHttpClientFactory.CreateTransport();
        var client = new QueryClient(new SignedHttpClientFactory(transport, TimeSpan.FromSeconds(30)).Create(TestCredentials.Central, endpoint),
            endpoint, "2010-05-08");

        var error = await Assert.ThrowsAsync<ServiceException>(() => client.SendAsync("ListUsers", new QueryParameters(), CancellationToken.None));

        Assert.Equal(("EndpointUnreachable", FailureKind.Unreachable), (error.Code, error.Kind));
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task Query_TransportTimesOut_TransientTimeout()
    {
        var transport = new RecordingHandler(_ => throw new TaskCanceledException("timed out", new TimeoutException()));

        var error = await Assert.ThrowsAsync<ServiceException>(() => Query(transport).SendAsync("ListUsers", new QueryParameters(), CancellationToken.None));

        Assert.Equal(("Timeout", FailureKind.Transient), (error.Code, error.Kind));
    }

    [Fact]
    public async Task Query_CallerCancels_OperationCanceled()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Query(RecordingHandler.Always(StubResponse.Xml("<a/>"))).SendAsync("ListUsers", new QueryParameters(), cancellation.Token));
    }

    [Fact]
    public async Task Query_NoCredentials_FinalCredentialsUnavailable()
    {
        var transport = RecordingHandler.Always(StubResponse.Xml("<a/>"));

        var error = await Assert.ThrowsAsync<ServiceException>(() =>
            Query(transport, new MissingCredentials()).SendAsync("ListUsers", new QueryParameters(), CancellationToken.None));

        Assert.Equal(("CredentialsUnavailable", FailureKind.Final), (error.Code, error.Kind));
        Assert.Empty(transport.Requests);
    }

    [Theory]
    [InlineData(500, "ServiceFailure", FailureKind.Transient)]
    [InlineData(400, "Throttling", FailureKind.Throttling)]
    [InlineData(404, "NoSuchEntity", FailureKind.NotFound)]
    [InlineData(403, "AccessDenied", FailureKind.AccessDenied)]
    [InlineData(400, "ValidationError", FailureKind.Validation)]
    public async Task Query_ErrorShapes_Classified(int status, string code, FailureKind kind)
    {
        var error = await Assert.ThrowsAsync<ServiceException>(() =>
            Query(RecordingHandler.Always(FakeAwsCloud.QueryError("iam", status, code, "m"))).SendAsync("ListUsers", new QueryParameters(), CancellationToken.None));
        Assert.Equal((code, kind, status), (error.Code, error.Kind, error.HttpStatus));
    }

    [Theory]
    [InlineData(400, "TooManyRequestsException", FailureKind.Throttling)]
    [InlineData(400, "ResourceNotFoundException", FailureKind.NotFound)]
    [InlineData(400, "AccessDeniedException", FailureKind.AccessDenied)]
    [InlineData(500, "InternalServiceError", FailureKind.Transient)]
    public async Task Json_ErrorShapes_Classified(int status, string code, FailureKind kind)
    {
        var error = await Assert.ThrowsAsync<ServiceException>(() =>
            Json(RecordingHandler.Always(FakeAwsCloud.JsonError(status, code, "m"))).SendAsync("X", [], CancellationToken.None));
        Assert.Equal((code, kind), (error.Code, error.Kind));
    }

    private sealed class MissingCredentials : AWSCredentials
    {
        public override ImmutableCredentials GetCredentials() => throw new AmazonClientException("Failed to resolve AWS credentials.");

        public override Task<ImmutableCredentials> GetCredentialsAsync() => throw new AmazonClientException("Failed to resolve AWS credentials.");
    }
}
