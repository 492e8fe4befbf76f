using KeyRotation.Core.Audit;

namespace KeyRotation.Cli.Tests.Commands.Audit;

internal static class AuditSamples
{
    public static AuditEvent Event(int minute = 0, string user = "alice", string? detail = null) => new()
    {
        EventId = AuditEventId.For("run-1", "111111111111", user, "AKIAALICEEXAMPLE0001", "CreateKey", "RotationDue", minute),
        OccurredAt = new DateTimeOffset(2026, 11, 29, 12, minute, 0, TimeSpan.Zero),
        RunId = "run-1",
        AccountId = "111111111111",
        UserName = user,
        AccessKeyId = "AKIAALICEEXAMPLE0001",
        Action = "CreateKey",
        Reason = "RotationDue",
        Outcome = AuditOutcome.Succeeded,
        Detail = detail,
        ToolVersion = "0.1.0",
    };

    public static AuditEvent Full() => Event(7) with
    {
        Error = "IAM failed: \"Throttling\", retry",
        Detail = "replaces AKIAALICEEXAMPLE0000",
        Actor = "arn:aws:sts::999999999999:assumed-role/KeyRotation/run-1",
        Policy = "rotate=165,deactivate=180,delete=185,idle=10",
        KeyAgeDays = 170,
        LastUsedAt = new DateTimeOffset(2026, 11, 28, 1, 2, 3, TimeSpan.Zero).AddTicks(5000),
        Summary = "{\"accounts\":1}",
    };
}
