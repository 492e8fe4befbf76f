using KeyRotation.Core.Audit;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Reporting;

namespace KeyRotation.Engine.Sweep;

/// <summary>The start of a run: the accounts to rotate (by id) and the reports of those skipped.</summary>
/// <param name="UnwrittenAuditEvents">Run-level events the audit store would not take; pass them on to the finish.</param>
public sealed record AccountSelection(
    IReadOnlyList<AccountFacts> Targets,
    IReadOnlyList<AccountReport> Skipped,
    IReadOnlyList<AuditEvent> UnwrittenAuditEvents)
{
    /// <summary>The facts of the accounts in <see cref="Skipped"/>, in the same order.</summary>
    public IReadOnlyList<AccountFacts> SkippedFacts { get; init; } = [];

    /// <summary>What the start of the run found worth telling (unknown targeting ids, opt-out values not <c>true</c>).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
