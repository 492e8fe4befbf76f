using System.Net.Sockets;
using Amazon.Runtime;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Audit;

/// <summary>Turns SDK and network failures into the engine's <see cref="ServiceException"/>.</summary>
internal static class DynamoDbErrors
{
    public const string Service = "DynamoDB";

    /// <summary>True for errors the caller should translate; cancellation by the caller is left alone.</summary>
    public static bool IsTranslatable(Exception ex, CancellationToken cancellationToken) =>
        ex is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or SocketException
        || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    /// <param name="context">Names the table and endpoint, e.g. "audit table 'x' at http://127.0.0.1:8000".</param>
    /// <param name="service">The service named in the message; other SDK clients (S3) share the network cases.</param>
    public static ServiceException Translate(Exception ex, string operation, string context, string service = Service)
    {
        if (ex is AmazonServiceException failure && !string.IsNullOrEmpty(failure.ErrorCode))
        {
            var status = failure.StatusCode == 0 ? (int?)null : (int)failure.StatusCode;
            return new ServiceException(service, operation, failure.ErrorCode, Classify(failure.ErrorCode, status),
                status, failure.RequestId, $"{context}: {failure.Message}", ex);
        }
        var (code, why) = ex switch
        {
            OperationCanceledException => ("Timeout", "the request timed out"),
            AmazonClientException when ex.Message.Contains("credentials", StringComparison.OrdinalIgnoreCase) =>
                ("NoCredentials", "no AWS credentials were found (use a profile, or set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)"),
            _ when Root(ex) is SocketException socket => ("ConnectionFailed", $"cannot connect ({socket.SocketErrorCode})"),
            HttpRequestException or IOException or AmazonServiceException => ("ConnectionFailed", $"cannot connect ({Root(ex).Message})"),
            _ => ("ClientError", FirstLine(Root(ex).Message)),
        };
        var kind = code switch
        {
            "ClientError" => FailureKind.Final,
            _ when IsUnreachable(ex) => FailureKind.Unreachable,
            "NoCredentials" => FailureKind.AccessDenied,
            _ => FailureKind.Transient,
        };
        return new ServiceException(service, operation, code, kind, detail: $"{context}: {why}", inner: ex);
    }

    public static FailureKind Classify(string errorCode, int? httpStatus) => errorCode switch
    {
        "ProvisionedThroughputExceededException" or "RequestLimitExceeded" or "ThrottlingException" or "Throttling"
            => FailureKind.Throttling,
        "LimitExceededException" => FailureKind.LimitExceeded,
        "AccessDeniedException" or "UnrecognizedClientException" or "InvalidSignatureException"
            or "MissingAuthenticationTokenException" or "ExpiredTokenException" or "KMSAccessDeniedException"
            => FailureKind.AccessDenied,
        "ResourceNotFoundException" => FailureKind.NotFound,
        "ValidationException" or "SerializationException" => FailureKind.Validation,
        "InternalServerError" or "InternalFailure" or "ServiceUnavailable" => FailureKind.Transient,
        _ when httpStatus >= 500 => FailureKind.Transient,
        _ => FailureKind.Final,
    };

    /// <summary>Connection refused or the host name not resolved: nothing answers, so retrying only delays the news.</summary>
    private static bool IsUnreachable(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError }
                || e is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NoData })
            {
                return true;
            }
        }

        return false;
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    private static Exception Root(Exception ex)
    {
        while (ex.InnerException is not null) ex = ex.InnerException;
        return ex;
    }
}
