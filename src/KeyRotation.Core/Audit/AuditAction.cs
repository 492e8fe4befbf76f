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
    public const string AccountInterrupted = "AccountInterrupted";
}

/// <summary>The <c>outcome</c> values.</summary>
public static class AuditOutcome
{
    public const string Planned = "Planned";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
}
