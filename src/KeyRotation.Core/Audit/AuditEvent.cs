namespace KeyRotation.Core.Audit;

/// <summary>
/// One entry of the audit trail. Field names are the JSON report's (FORMATS.md). Never holds a secret.
/// </summary>
public sealed record AuditEvent
{
    /// <summary>Deterministic id (see <see cref="AuditEventId"/>), so a retried write never duplicates history.</summary>
    public required string EventId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required string RunId { get; init; }

    /// <summary>The member account, or the management account for run-level events.</summary>
    public required string AccountId { get; init; }

    public string? UserName { get; init; }

    public string? AccessKeyId { get; init; }

    /// <summary>An <see cref="AuditAction"/> name or a planner action (CreateKey, DeactivateKey, ...).</summary>
    public required string Action { get; init; }

    public string? Reason { get; init; }

    /// <summary>Planned, Succeeded or Failed; <see cref="AuditOutcome.Intended"/> for an intent.</summary>
    public required string Outcome { get; init; }

    public string? Error { get; init; }

    public string? Detail { get; init; }

    /// <summary>The principal that acted (caller ARN or "simulation").</summary>
    public string? Actor { get; init; }

    /// <summary>Effective thresholds, compact: "rotate=165,deactivate=180,delete=185,idle=10".</summary>
    public string? Policy { get; init; }

    public int? KeyAgeDays { get; init; }

    public DateTimeOffset? LastUsedAt { get; init; }

    public required string ToolVersion { get; init; }

    /// <summary>Run summary as JSON, on RunFinished only.</summary>
    public string? Summary { get; init; }

    /// <summary>On an outcome: the event id of the intent it resolves. Absent on intents and on events of no mutation.</summary>
    public string? IntentId { get; init; }

    /// <summary>True for an intent (<see cref="AuditOutcome.Intended"/>).</summary>
    public bool IsIntent => Outcome == AuditOutcome.Intended;
}
