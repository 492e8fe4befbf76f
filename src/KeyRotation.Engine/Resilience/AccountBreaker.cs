namespace KeyRotation.Engine.Resilience;

/// <summary>
/// Gives one account up for the rest of the run after too many consecutive failures. Unlike a classic circuit breaker
/// it never half-opens: a run is short, and an account that is denied or down now will be retried by the next run.
/// </summary>
internal sealed class AccountBreaker(string accountId, int failuresBeforeGivingUp)
{
    private readonly object gate = new();
    private int consecutiveFailures;
    private AccountGivenUpException? givenUp;

    public string AccountId { get; } = accountId;

    public bool IsGivenUp
    {
        get { lock (gate) return givenUp is not null; }
    }

    public void ThrowIfGivenUp()
    {
        lock (gate)
        {
            if (givenUp is not null)
                throw new AccountGivenUpException(AccountId, givenUp.Failures, givenUp.LastError);
        }
    }

    public void RecordHealthy()
    {
        lock (gate)
        {
            if (givenUp is null) consecutiveFailures = 0;
        }
    }

    /// <returns>The exception to throw instead of <paramref name="error"/> when this failure gives the account up.</returns>
    public AccountGivenUpException? RecordFailure(Exception error)
    {
        lock (gate)
        {
            if (givenUp is not null) return null;
            if (++consecutiveFailures < failuresBeforeGivingUp) return null;
            givenUp = new AccountGivenUpException(AccountId, consecutiveFailures, error);
            return givenUp;
        }
    }
}
