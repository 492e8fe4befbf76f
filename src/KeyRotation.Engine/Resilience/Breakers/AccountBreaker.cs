namespace KeyRotation.Engine.Resilience.Breakers;

/// <summary>
/// Gives one account up for the rest of the run after too many consecutive failures of one of its services.
/// Counting per service means a secret store that is down in the account trips the breaker even though the IAM
/// calls between its failures (create, then the roll-back delete) succeed. Unlike a classic circuit breaker it
/// never half-opens: a run is short, and an account that is denied or down now is tried again by the next run.
/// </summary>
internal sealed class AccountBreaker(string accountId, int failuresBeforeGivingUp)
{
    private readonly object gate = new();
    private readonly Dictionary<string, int> consecutiveFailures = new(StringComparer.Ordinal);
    private AccountGivenUpException? givenUp;

    public string AccountId { get; } = accountId;

    public void ThrowIfGivenUp()
    {
        lock (gate)
        {
            if (givenUp is not null)
                throw new AccountGivenUpException(AccountId, givenUp.Failures, givenUp.LastError);
        }
    }

    public void RecordHealthy(string service)
    {
        lock (gate) consecutiveFailures[service] = 0;
    }

    /// <returns>The exception to throw instead of <paramref name="error"/> when this failure gives the account up.</returns>
    public AccountGivenUpException? RecordFailure(string service, Exception error)
    {
        lock (gate)
        {
            if (givenUp is not null) return null;
            var failures = consecutiveFailures[service] = consecutiveFailures.GetValueOrDefault(service) + 1;
            if (failures < failuresBeforeGivingUp) return null;
            givenUp = new AccountGivenUpException(AccountId, failures, error);
            return givenUp;
        }
    }
}
