using System.Net.Http.Headers;
using KeyRotation.Aws.Protocol;

namespace KeyRotation.Aws.Tests.Protocol;

public sealed class AwsErrorResponseTests
{
    private static HttpResponseHeaders Headers(params (string Name, string Value)[] headers)
    {
        using var response = new HttpResponseMessage();
        foreach (var (name, value) in headers) response.Headers.TryAddWithoutValidation(name, value);
        return response.Headers;
    }

    [Fact]
    public void Parse_QueryXmlError_ReadsCodeMessageAndRequestId()
    {
        const string body = """
            <ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
              <Error><Type>Sender</Type><Code>LimitExceeded</Code><Message>Cannot exceed quota for AccessKeysPerUser: 2</Message></Error>
              <RequestId>5a1b-req</RequestId>
            </ErrorResponse>
            """;

        var error = AwsErrorResponse.Parse(409, Headers(), body);

        Assert.Equal(new AwsErrorResponse("LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: 2", "5a1b-req"), error);
    }

    [Fact]
    public void Parse_JsonTypeWithNamespace_StripsPrefix()
    {
        var error = AwsErrorResponse.Parse(400, Headers(("x-amzn-RequestId", "rid-1")),
            """{"__type":"com.amazonaws.secretsmanager#ResourceNotFoundException","Message":"Secrets Manager can't find the specified secret."}""");

        Assert.Equal(new AwsErrorResponse("ResourceNotFoundException", "Secrets Manager can't find the specified secret.", "rid-1"), error);
    }

    [Fact]
    public void Parse_ErrorTypeHeader_WinsAndLosesItsUrlSuffix()
    {
        var error = AwsErrorResponse.Parse(400, Headers(("x-amzn-ErrorType", "TooManyRequestsException:http://internal.amazon.com/coral/com.amazon.coral.service/")),
            """{"message":"AWS Organizations can't complete your request because another request is already in progress."}""");

        Assert.Equal("TooManyRequestsException", error.Code);
        Assert.StartsWith("AWS Organizations can't", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html>Bad gateway</html>")]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    public void Parse_NoRecognizableError_CodeFromStatus(string body) =>
        Assert.Equal("Http502", AwsErrorResponse.Parse(502, Headers(), body).Code);
}
