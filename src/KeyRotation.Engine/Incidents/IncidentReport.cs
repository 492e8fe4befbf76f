using KeyRotation.Core.Audit;
using KeyRotation.Engine.Reporting;

namespace KeyRotation.Engine.Incidents;

/// <summary>What a revoke or restore did (or, in a dry run, would do). Never holds a secret.</summary>
/// <param name="AccountId">The key's account, once found.</param>
/// <param name="UserName">The key's user, once found.</param>
/// <param name="Actions">The actions, as in a run report (RevokeKey, RestoreKey, CreateKey, Blocked, DeleteKey on roll-back).</param>
/// <param name="Refusal">Set when the action did not start (nothing was changed); <see cref="Error"/> says why.</param>
/// <param name="Error">Why it was refused, or what failed unexpectedly.</param>
/// <param name="Notes">Remarks: overridden opt-outs and exemptions, failed notifications, refused audit writes.</param>
/// <param name="UnwrittenAuditEvents">Events the audit store would not take; printed so nothing is lost.</param>
public sealed record IncidentReport(
    string AccessKeyId,
    bool DryRun,
    string? AccountId,
    string? AccountName,
    string? UserName,
    IReadOnlyList<ActionRecord> Actions,
    IncidentRefusal? Refusal,
    string? Error,
    IReadOnlyList<string> Notes,
    IReadOnlyList<AuditEvent> UnwrittenAuditEvents)
{
    /// <summary>True when an action failed or the lookup failed unexpectedly (not a refusal).</summary>
    public bool Failed => Refusal is null && (Error is not null || Actions.Any(a => a.Outcome == AuditOutcome.Failed));
}
