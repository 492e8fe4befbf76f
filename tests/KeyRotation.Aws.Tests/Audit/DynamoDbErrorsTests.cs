using System.Net;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using KeyRotation.Aws.Audit;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Tests.Audit;

public sealed class DynamoDbErrorsTests
{
    [Theory]
    [InlineData("ProvisionedThroughputExceededException", 400, FailureKind.Throttling)]
    [InlineData("ThrottlingException", 400, FailureKind.Throttling)]
    [InlineData("RequestLimitExceeded", 400, FailureKind.Throttling)]
    [InlineData("AccessDeniedException", 400, FailureKind.AccessDenied)]
    [InlineData("UnrecognizedClientException", 400, FailureKind.AccessDenied)]
    [InlineData("ResourceNotFoundException", 400, FailureKind.NotFound)]
    [InlineData("ValidationException", 400, FailureKind.Validation)]
    [InlineData("LimitExceededException", 400, FailureKind.LimitExceeded)]
    [InlineData("InternalServerError", 500, FailureKind.Transient)]
    [InlineData("SomethingNew", 503, FailureKind.Transient)]
    [InlineData("SomethingNew", 400, FailureKind.Final)]
    public void Classify_ErrorCode_MapsToFailureKind(string code, int status, FailureKind expected)
    {
        Assert.Equal(expected, DynamoDbErrors.Classify(code, status));
    }

    [Fact]
    public void Translate_ServiceError_KeepsCodeStatusRequestIdAndContext()
    {
        var sdk = new ResourceNotFoundException("Requested resource not found")
        {
            ErrorCode = "ResourceNotFoundException", StatusCode = HttpStatusCode.BadRequest, RequestId = "req-1",
        };

        var error = DynamoDbErrors.Translate(sdk, "Query", "audit table 't' at http://x");

        Assert.Equal(("Query", "ResourceNotFoundException", FailureKind.NotFound, 400, "req-1"),
            (error.Operation, error.Code, error.Kind, error.HttpStatus, error.RequestId));
        Assert.Contains("audit table 't' at http://x", error.Message);
    }

    [Fact]
    public void Translate_ConnectionRefused_IsUnreachableConnectionFailed()
    {
        var ex = new HttpRequestException("boom", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));

        var error = DynamoDbErrors.Translate(ex, "PutItem", "ctx");

        // Nothing answers: retried once, not for minutes (fail fast).
        Assert.Equal(("ConnectionFailed", FailureKind.Unreachable), (error.Code, error.Kind));
        Assert.Contains("ConnectionRefused", error.Message);
    }

    [Fact]
    public void IsTranslatable_CancellationByCaller_IsLeftAlone()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.False(DynamoDbErrors.IsTranslatable(new OperationCanceledException(cts.Token), cts.Token));
        Assert.True(DynamoDbErrors.IsTranslatable(new TaskCanceledException(), CancellationToken.None));
        Assert.True(DynamoDbErrors.IsTranslatable(new AmazonClientException("x"), CancellationToken.None));
        Assert.False(DynamoDbErrors.IsTranslatable(new InvalidOperationException(), CancellationToken.None));
    }

    [Fact]
    public void Translate_NoCredentials_IsAccessDeniedWithOneLineHint()
    {
        var ex = new AmazonClientException("Failed to resolve AWS credentials. The credential providers used to search for credentials returned the following errors:\n\nException 1 of 4: ...");

        var error = DynamoDbErrors.Translate(ex, "Query", "ctx");

        Assert.Equal(("NoCredentials", FailureKind.AccessDenied), (error.Code, error.Kind));
        Assert.DoesNotContain("\n", error.Message);
        Assert.Contains("AWS_PROFILE", error.Message);
    }
}
