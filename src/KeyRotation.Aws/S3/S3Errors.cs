using Amazon.Runtime;
using KeyRotation.Aws.Audit;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.S3;

/// <summary>Turns S3 SDK and network failures into the engine's <see cref="ServiceException"/>.</summary>
internal static class S3Errors
{
    public const string Service = "S3";

    public static ServiceException Translate(Exception ex, string operation, string context)
    {
        if (ex is AmazonServiceException service && !string.IsNullOrEmpty(service.ErrorCode))
        {
            var status = service.StatusCode == 0 ? (int?)null : (int)service.StatusCode;
            var kind = service.ErrorCode switch
            {
                "NoSuchBucket" or "NoSuchKey" => FailureKind.NotFound,
                "AccessDenied" or "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "ExpiredToken" => FailureKind.AccessDenied,
                "SlowDown" or "RequestTimeout" => FailureKind.Throttling,
                _ => DynamoDbErrors.Classify(service.ErrorCode, status),
            };
            return new ServiceException(Service, operation, service.ErrorCode, kind, status, service.RequestId,
                $"{context}: {service.Message}", ex);
        }

        // Network and client failures read the same for every SDK client.
        return DynamoDbErrors.Translate(ex, operation, context, Service);
    }
}
