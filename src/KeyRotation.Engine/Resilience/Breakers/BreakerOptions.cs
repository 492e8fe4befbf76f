namespace KeyRotation.Engine.Resilience.Breakers;

/// <summary>
/// When an account is given up for the rest of the run. Failures are counted per service of the account (STS, IAM,
/// Secrets Manager): a call ending, after any retries, in AccessDenied, a Final error, or throttling/transient errors
/// that outlasted the retries. NotFound, LimitExceeded and Validation are about one user or key, not the account:
/// like a success of that service they reset its count. A given-up account refuses every call that would start new
/// work but still lets UpdateAccessKey and DeleteAccessKey through, so the engine can take back a key it created.
/// </summary>
public sealed record BreakerOptions
{
    /// <summary>Consecutive counted failures of one service after which the account is given up. Default 5.</summary>
    public int FailuresBeforeGivingUp { get; init; } = 5;

    internal void Validate()
    {
        if (FailuresBeforeGivingUp < 1)
            throw new ArgumentOutOfRangeException(nameof(FailuresBeforeGivingUp), FailuresBeforeGivingUp, "Breaker.FailuresBeforeGivingUp must be at least 1.");
    }
}
