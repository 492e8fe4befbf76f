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
    long Retries = 0);
