using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Protocol;

/// <summary>
/// Turns an AWS error code and HTTP status into the engine's <see cref="FailureKind"/>. The code decides first (IAM's
/// two-key error is <c>LimitExceeded</c> with HTTP 409, a quota rather than throttling); the status is the fallback.
/// Throttling codes are botocore's (<c>_retry.json</c>) plus the services' own spellings.
/// </summary>
internal static class FailureClassifier
{
    private static readonly HashSet<string> Throttling = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "RequestThrottled", "SlowDown", "Throttled", "KMSThrottling",
        "KMSThrottlingException", "PriorRequestNotComplete", "TransactionInProgressException",
        "EC2ThrottledException",
    };

    private static readonly HashSet<string> Transient = new(StringComparer.Ordinal)
    {
        "InternalFailure", "InternalError", "InternalErrorException", "InternalServerError", "InternalServiceError",
        "InternalServiceErrorException", "ServiceFailure", "ServiceFailureException", "ServiceException",
        "ServiceUnavailable", "ServiceUnavailableException", "RequestTimeout", "RequestTimeoutException",
        "IDPCommunicationError", "ReplicatedWriteConflictException", "Timeout", "ConnectionError",
    };

    private static readonly HashSet<string> AccessDenied = new(StringComparer.Ordinal)
    {
        "AccessDenied", "AccessDeniedException", "AuthorizationError", "AuthorizationErrorException",
        "UnauthorizedOperation", "UnrecognizedClientException", "InvalidClientTokenId", "NotAuthorized",
        "AuthFailure", "SignatureDoesNotMatch", "IncompleteSignature", "MissingAuthenticationToken",
        "ExpiredToken", "ExpiredTokenException", "RegionDisabledException", "AccessDeniedForDependencyException",
        "KMSAccessDenied", "KMSAccessDeniedException",
    };

    private static readonly HashSet<string> LimitExceeded = new(StringComparer.Ordinal)
    {
        "LimitExceeded", "LimitExceededException", "ServiceQuotaExceededException",
    };

    private static readonly HashSet<string> NotFound = new(StringComparer.Ordinal)
    {
        "NoSuchEntity", "NoSuchEntityException", "ResourceNotFoundException", "ResourceNotFound", "NotFound",
        "NotFoundException", "AccountNotFoundException", "ChildNotFoundException", "ParentNotFoundException",
        "OrganizationalUnitNotFoundException", "TargetNotFoundException",
    };

    private static readonly HashSet<string> Validation = new(StringComparer.Ordinal)
    {
        "ValidationError", "ValidationException", "InvalidInput", "InvalidInputException", "InvalidParameter",
        "InvalidParameterException", "InvalidParameterValue", "ParameterValueInvalid", "InvalidParameterCombination",
        "MalformedPolicyDocument", "MalformedPolicyDocumentException", "MissingParameter", "InvalidAction",
        "InvalidRequestException", "MalformedQueryString", "SerializationException", "InvalidQueryParameter",
        "ConstraintViolationException", "PublicPolicyException", "InvalidNextTokenException",
    };

    public static FailureKind Classify(string code, int? httpStatus)
    {
        if (Throttling.Contains(code)) return FailureKind.Throttling;
        if (LimitExceeded.Contains(code)) return FailureKind.LimitExceeded;
        if (AccessDenied.Contains(code)) return FailureKind.AccessDenied;
        if (NotFound.Contains(code)) return FailureKind.NotFound;
        if (Validation.Contains(code)) return FailureKind.Validation;
        if (Transient.Contains(code)) return FailureKind.Transient;
        return httpStatus switch
        {
            429 or 509 => FailureKind.Throttling,
            >= 500 => FailureKind.Transient,
            403 => FailureKind.AccessDenied,
            404 => FailureKind.NotFound,
            _ => FailureKind.Final,
        };
    }
}
