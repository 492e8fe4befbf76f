namespace KeyRotation.Engine.Reporting;

public sealed record AccountFailure(string AccountId, string Error);

/// <param name="Actions">Count of performed or planned actions by action name.</param>
/// <param name="Retries">Retries taken on throttling and transient errors across the run.</param>
public sealed record RunSummary(
    int Accounts,
    int Processed,
    int Skipped,
    int Failed,
    int Deferred,
    IReadOnlyDictionary<string, int> Actions,
    IReadOnlyList<AccountFailure> Failures,
    long Retries = 0)
{
    /// <summary>Accounts the run was stopped in, or before (SIGINT, SIGTERM, the Lambda shutting down).</summary>
    public int Interrupted { get; init; }

    /// <summary>Actions whose outcome is Failed, in any account; any one makes the run's exit code non-zero.</summary>
    public int FailedActions { get; init; }

    /// <summary>Accounts skipped because AssumeRole of the member role was refused (ManagementAccount, RoleNotDeployed).</summary>
    public int RoleRefused { get; init; }
}
