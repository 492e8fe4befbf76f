namespace KeyRotation.Engine.Resilience.Retry;

/// <summary>
/// Retry of throttling and transient errors: exponential backoff with full jitter, i.e. before retry n (0-based)
/// wait a uniformly random time in [0, min(<see cref="MaxDelay"/>, <see cref="BaseDelay"/> * 2^n)].
/// These are the defaults AWS's own SDKs use in their "standard" mode, with more attempts because a sweep
/// shares the account's IAM token bucket with every other caller in that account.
/// </summary>
public sealed record RetryOptions
{
    /// <summary>Retries after the first attempt (so up to 7 calls). Default 6; 0 disables retry.</summary>
    public int MaxRetryAttempts { get; init; } = 6;

    /// <summary>The backoff's first ceiling. Default 200 ms.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The cap on any one backoff. Default 20 s, the AWS SDKs' maximum backoff.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(20);

    internal void Validate()
    {
        if (MaxRetryAttempts is < 0 or > 100)
            throw new ArgumentOutOfRangeException(nameof(MaxRetryAttempts), MaxRetryAttempts, "Retry.MaxRetryAttempts must be between 0 and 100.");
        if (BaseDelay <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(BaseDelay), BaseDelay, "Retry.BaseDelay must be positive.");
        if (MaxDelay < BaseDelay || MaxDelay > TimeSpan.FromDays(1))
            throw new ArgumentOutOfRangeException(nameof(MaxDelay), MaxDelay, "Retry.MaxDelay must be at least Retry.BaseDelay and at most one day.");
    }
}
