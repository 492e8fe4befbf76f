namespace KeyRotation.Engine.Resilience.Breakers;

/// <summary>
/// An account failed so often that this run stops calling it; the sweep marks it Failed and moves on.
/// The message carries the last error's message, which by the ports' contract never holds a secret.
/// </summary>
public sealed class AccountGivenUpException : Exception
{
    public AccountGivenUpException(string accountId, int failures, Exception lastError)
        : base($"Account {accountId} given up for this run after {failures} consecutive failures; last: {lastError.Message}", lastError)
    {
        AccountId = accountId;
        Failures = failures;
        LastError = lastError;
    }

    public string AccountId { get; }

    public int Failures { get; }

    public Exception LastError { get; }
}
