using KeyRotation.Core.Audit;
using KeyRotation.Core.Policy;

namespace KeyRotation.Engine.Reporting;

/// <summary>What a plan or run did, in the shape of FORMATS.md's JSON report.</summary>
/// <param name="UnwrittenAuditEvents">Events the audit store would not take even after retries; printed so nothing is lost.</param>
/// <param name="Notes">Run-level remarks, e.g. a discovery fallback. Never a secret.</param>
public sealed record RunReport(
    string RunId,
    DateTimeOffset AsOf,
    bool DryRun,
    RotationPolicy Policy,
    IReadOnlyList<AccountReport> Accounts,
    RunSummary Summary,
    IReadOnlyList<AuditEvent> UnwrittenAuditEvents,
    IReadOnlyList<string> Notes);
