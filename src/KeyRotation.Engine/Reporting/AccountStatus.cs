namespace KeyRotation.Engine.Reporting;

public enum AccountStatus
{
    Processed,
    Skipped,
    Failed,
    Deferred,
}
