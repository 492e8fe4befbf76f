namespace KeyRotation.Engine.Reporting;

public enum AccountStatus
{
    Processed,
    Skipped,
    Failed,
    Deferred,

    /// <summary>The run was stopped (SIGINT, SIGTERM, the Lambda shutting down) before this account was through.</summary>
    Interrupted,
}
