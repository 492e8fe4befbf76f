namespace KeyRotation.Core.Audit;

/// <summary>An auditor's question; every field is optional and they combine with AND.</summary>
public sealed record AuditQuery
{
    public string? AccountId { get; init; }
    public string? UserName { get; init; }
    public string? AccessKeyId { get; init; }
    public string? RunId { get; init; }
    public string? Action { get; init; }

    /// <summary>Inclusive lower bound on OccurredAt.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Exclusive upper bound on OccurredAt.</summary>
    public DateTimeOffset? Until { get; init; }

    public int? Limit { get; init; }

    /// <summary>
    /// False (the default): outcomes only, as auditors read the trail. True: intents too (each mutation's
    /// write-ahead record, see <see cref="AuditOutcome.Intended"/>).
    /// </summary>
    public bool IncludeIntents { get; init; }

    public bool Matches(AuditEvent e) =>
        (AccountId is null || e.AccountId == AccountId)
        && (UserName is null || e.UserName == UserName)
        && (AccessKeyId is null || e.AccessKeyId == AccessKeyId)
        && (RunId is null || e.RunId == RunId)
        && (Action is null || e.Action == Action)
        && (Since is null || e.OccurredAt >= Since)
        && (Until is null || e.OccurredAt < Until)
        && (IncludeIntents || !e.IsIntent);
}
