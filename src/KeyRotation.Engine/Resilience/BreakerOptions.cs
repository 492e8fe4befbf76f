namespace KeyRotation.Engine.Resilience;

/// <summary>
/// When an account is given up for the rest of the run. A failure that counts is a call of that account (STS, IAM or
/// Secrets Manager) ending, after any retries, in AccessDenied, a Final error, or throttling/transient errors that
/// outlasted the retries. NotFound, LimitExceeded and Validation are about one user or key, not the account: like a
/// success they reset the count.
/// </summary>
public sealed record BreakerOptions
{
    /// <summary>Consecutive counted failures after which the account is given up. Default 5.</summary>
    public int FailuresBeforeGivingUp { get; init; } = 5;

    internal void Validate()
    {
        if (FailuresBeforeGivingUp < 1)
            throw new ArgumentOutOfRangeException(nameof(FailuresBeforeGivingUp), FailuresBeforeGivingUp, "Breaker.FailuresBeforeGivingUp must be at least 1.");
    }
}
