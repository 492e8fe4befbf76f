using KeyRotation.Core.Audit;
using KeyRotation.Engine.Reporting;

namespace KeyRotation.Lambda.Events;

/// <summary>
/// list-targets' answer; the state machine passes run id, instant and dry-run flag to every item.
/// <see cref="Accounts"/> holds the targets and, marked, the accounts the start skipped.
/// </summary>
/// <param name="Count">Accounts listed, skipped ones included.</param>
/// <param name="Accounts">The accounts inline; null when they were written to the fan-out bucket (<see cref="Objects"/>).</param>
/// <param name="Skipped">How many of them the start skipped (and recorded as AccountSkipped).</param>
internal sealed record ListTargetsResponse(
    string RunId, DateTimeOffset AsOf, bool DryRun, int Count, IReadOnlyList<TargetAccount>? Accounts, int Skipped = 0)
{
    /// <summary>With a fan-out bucket: where the accounts are (one JSON array) and where the map writes its results.</summary>
    public FanOutObjects? Objects { get; init; }
}

/// <summary>summarize's answer: the engine's run summary, as RunFinished records it.</summary>
internal sealed record SummarizeResponse(string RunId, DateTimeOffset? AsOf, bool? DryRun, RunSummary Summary)
{
    /// <summary>Run-level events the audit store would not take (RunFinished); empty when all were written.</summary>
    public IReadOnlyList<AuditEvent> UnwrittenAuditEvents { get; init; } = [];

    /// <summary>Notes on the run's finish, e.g. whether its audit digest was sealed.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>ping's answer: the host is up and its configuration valid. Never a secret.</summary>
internal sealed record PingResponse(
    string Mode, bool Ok, string Version, bool DryRun, string MemberRoleName, string AuditTable, IReadOnlyList<string> Modes);
