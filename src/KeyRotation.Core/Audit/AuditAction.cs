namespace KeyRotation.Core.Audit;

/// <summary>Audit actions beyond the planner's <see cref="Planning.ActionKind"/> names.</summary>
public static class AuditAction
{
    public const string RunStarted = "RunStarted";
    public const string RunFinished = "RunFinished";
    public const string AccountSkipped = "AccountSkipped";
    public const string AccountFailed = "AccountFailed";
    public const string AccountDeferred = "AccountDeferred";
    public const string Notify = "Notify";

    /// <summary>Storing a new key's secret where only its owner can read it (intent and outcome, audit trail only).</summary>
    public const string StoreSecret = "StoreSecret";
    public const string AccountInterrupted = "AccountInterrupted";
}

/// <summary>The <c>outcome</c> values.</summary>
public static class AuditOutcome
{
    public const string Planned = "Planned";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";

    /// <summary>
    /// An intent: written and awaited before a mutation (CreateKey, DeactivateKey, DeleteKey, StoreSecret) is sent;
    /// the outcome that follows names it in <see cref="AuditEvent.IntentId"/>. An intent without an outcome is a
    /// change that may or may not have happened; the next run reconciles it.
    /// </summary>
    public const string Intended = "Intended";
}
