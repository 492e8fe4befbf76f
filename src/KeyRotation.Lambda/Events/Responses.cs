using KeyRotation.Engine.Reporting;

namespace KeyRotation.Lambda.Events;

/// <summary>list-targets' answer; the state machine passes run id, instant and dry-run flag to every item.</summary>
internal sealed record ListTargetsResponse(
    string RunId, DateTimeOffset AsOf, bool DryRun, int Count, IReadOnlyList<TargetAccount> Accounts);

/// <summary>summarize's answer.</summary>
internal sealed record SummarizeResponse(string RunId, DateTimeOffset? AsOf, bool? DryRun, RunSummary Summary);

/// <summary>ping's answer: the host is up and its configuration valid. Never a secret.</summary>
internal sealed record PingResponse(
    string Mode, bool Ok, string Version, bool DryRun, string MemberRoleName, string AuditTable, IReadOnlyList<string> Modes);
