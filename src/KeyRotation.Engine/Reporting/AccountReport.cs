using KeyRotation.Core.Audit;

namespace KeyRotation.Engine.Reporting;

/// <param name="Reason">For Skipped: OptOut, NotActive or NotTargeted. For Deferred: TimeBudget or Cancelled.</param>
/// <param name="Error">For Failed: what went wrong, never a secret.</param>
public sealed record AccountReport(
    string AccountId,
    string AccountName,
    AccountStatus Status,
    string? Reason,
    string? Error,
    IReadOnlyList<ActionRecord> Actions)
{
    /// <summary>Remarks on this account, e.g. a failed notification or a refused audit write. Never a secret.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Users discovered outside the managed scope (never planned); null when every user is managed.</summary>
    public int? UsersOutOfScope { get; init; }

    /// <summary>
    /// Events of this account the audit store would not take, carried until the run's report takes them over
    /// (<see cref="RunReport.UnwrittenAuditEvents"/>); empty in a finished run's report.
    /// </summary>
    public IReadOnlyList<AuditEvent> UnwrittenAuditEvents { get; init; } = [];
}
