using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Resilience.Breakers;

namespace KeyRotation.Engine.Resilience.Retry;

/// <summary>What a failed call means for retrying it and for the health of its account.</summary>
internal static class FailureClassifier
{
    /// <summary>
    /// Throttling: the service refused the request before acting on it. Always safe to send again.
    /// </summary>
    public static bool IsThrottling(Exception error) => error is ServiceException { Kind: FailureKind.Throttling };

    /// <summary>
    /// 5xx, timeouts and dropped connections: the request may or may not have been acted on. A cancellation that
    /// did not come from the caller's token (HttpClient's timeout surfaces as TaskCanceledException) is a timeout.
    /// </summary>
    public static bool IsTransient(Exception error, CancellationToken callerToken) => error switch
    {
        ServiceException e => e.Kind is FailureKind.Transient or FailureKind.Unreachable,
        TimeoutException or HttpRequestException => true,
        OperationCanceledException => !callerToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>Nothing answered (connection refused, name not resolved): retried once, never more (fail fast).</summary>
    public static bool IsUnreachable(Exception error) => error is ServiceException { Kind: FailureKind.Unreachable };

    /// <summary>
    /// Whether to send the request again. CreateAccessKey is retried only on throttling: after a transient error
    /// IAM may already have created the key, and a second create would leave the user with a key nobody holds
    /// (or fail with LimitExceeded). The engine re-reads the user instead and sends the create again only when no key
    /// appeared (Execution/CheckedCreate).
    /// </summary>
    public static bool ShouldRetry(Exception error, string operation, CancellationToken callerToken)
    {
        if (callerToken.IsCancellationRequested) return false;
        if (IsThrottling(error)) return true;
        return IsTransient(error, callerToken) && !IsCreateOnce(operation);
    }

    /// <summary>
    /// Whether a failed call (after retries) is evidence the account itself is broken. Caller cancellation says
    /// nothing about the account; NotFound, LimitExceeded and Validation are about one entity or request.
    /// </summary>
    public static AccountEvidence JudgeAccount(Exception error, CancellationToken callerToken) => error switch
    {
        OperationCanceledException when callerToken.IsCancellationRequested => AccountEvidence.None,
        AccountGivenUpException => AccountEvidence.None,
        ServiceException { Kind: FailureKind.NotFound or FailureKind.LimitExceeded or FailureKind.Validation } => AccountEvidence.Healthy,
        _ => AccountEvidence.Broken,
    };

    private static bool IsCreateOnce(string operation) => operation == OperationNames.CreateAccessKey;
}

internal enum AccountEvidence
{
    /// <summary>Says nothing about the account.</summary>
    None,

    /// <summary>The account answered.</summary>
    Healthy,

    /// <summary>Counts toward giving the account up.</summary>
    Broken,
}
