using KeyRotation.Core.Planning;

namespace KeyRotation.Engine.Reporting;

/// <summary>One action as planned (dry run) or performed, with its outcome.</summary>
/// <param name="Outcome">Planned, Succeeded or Failed (see <see cref="Core.Audit.AuditOutcome"/>).</param>
public sealed record ActionRecord(
    string UserName,
    string? AccessKeyId,
    ActionKind Action,
    ReasonCode Reason,
    string Outcome,
    string Detail,
    string? Error = null);
