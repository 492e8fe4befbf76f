using KeyRotation.Engine.Resilience.RateLimits;
using KeyRotation.Engine.Resilience.Retry;
using KeyRotation.Engine.Resilience;
using KeyRotation.Engine.Runs;
using KeyRotation.Engine.Settings;
using KeyRotation.Engine.Sweep;

namespace KeyRotation.Cli.Settings;

/// <summary>How much a plan or run may do at once, for how long, and how often a failed call is retried.</summary>
/// <param name="MaxAccountsInFlight">Accounts at once. Default 1,000 (the engine's default).</param>
/// <param name="MaxUsersInFlight">Users at once within one account. Default 4 (the engine's default).</param>
/// <param name="TimeBudget">How long the run may take; no account starts with less than 30 s of it left. Default none.</param>
/// <param name="MaxRetries">Retries of a throttled or transiently failed call. Default 6 (<see cref="RetryOptions"/>).</param>
/// <param name="IamRequestsPerSecond">IAM requests per second in each member account, and the burst after being idle.
/// Default 20 (<see cref="RateLimitOptions"/>); lower it when other tools share the accounts' IAM budget.</param>
internal sealed record RunLimits(int MaxAccountsInFlight, int MaxUsersInFlight, TimeSpan? TimeBudget, int MaxRetries,
    int IamRequestsPerSecond)
{
    public static RunLimits Default { get; } = new(
        RotationSettings.Defaults.MaxAccountsInFlight,
        RotationSettings.Defaults.MaxUsersInFlight,
        null,
        new RetryOptions().MaxRetryAttempts,
        (int)new RateLimitOptions().IamRequestsPerSecondPerAccount);

    public ResilienceOptions Resilience => new()
    {
        Retry = new RetryOptions { MaxRetryAttempts = MaxRetries },
        RateLimits = new RateLimitOptions { IamRequestsPerSecondPerAccount = IamRequestsPerSecond, IamBurstPerAccount = IamRequestsPerSecond },
    };

    /// <param name="now">The run's clock read right before the sweep; the engine measures elapsed time from there.</param>
    public RotationRunOptions ApplyTo(RotationRunOptions options, DateTimeOffset now) => options with
    {
        MaxAccountsInFlight = MaxAccountsInFlight,
        MaxUsersInFlight = MaxUsersInFlight,
        Deadline = TimeBudget is { } budget ? now + budget : null,
    };
}
