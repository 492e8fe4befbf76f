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
    IReadOnlyList<string> Notes)
{
    /// <summary>
    /// Things the operator should look at although nothing failed: targeting ids not in the organization, opt-out tag
    /// values that are not <c>true</c>, accounts whose member role was refused, endpoints that stopped answering.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Set when the run was stopped before it was through (a signal, the Lambda shutting down).</summary>
    public bool Interrupted { get; init; }
}
