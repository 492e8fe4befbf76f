using KeyRotation.Core.Audit;

namespace KeyRotation.Aws.Tests.Audit;

/// <summary>Audit events for tests, with ids made the way the engine makes them.</summary>
internal static class AuditEvents
{
    public const string AccountA = "111111111111";
    public const string AccountB = "222222222222";
    public static readonly DateTimeOffset T0 = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    public static AuditEvent Make(
        DateTimeOffset at, string account = AccountA, string? user = "alice", string? key = "AKIAALICEEXAMPLE0001",
        string action = "CreateKey", string runId = "run-1", string outcome = AuditOutcome.Succeeded,
        string? reason = "RotationDue", int sequence = 0) => new()
    {
        EventId = AuditEventId.For(runId, account, user, key, action, reason, sequence),
        OccurredAt = at,
        RunId = runId,
        AccountId = account,
        UserName = user,
        AccessKeyId = key,
        Action = action,
        Reason = reason,
        Outcome = outcome,
        ToolVersion = "0.1.0",
    };

    /// <summary>Every field set; times with sub-millisecond ticks and a non-UTC offset.</summary>
    public static AuditEvent Full(string account = AccountA) => new()
    {
        EventId = AuditEventId.For("run-full", account, "carol", "AKIACAROL0000000001", "DeactivateKey", "PastDeactivateAgeAndIdle", 3),
        OccurredAt = new DateTimeOffset(2026, 11, 29, 14, 5, 6, TimeSpan.FromHours(2)).AddTicks(1234567),
        RunId = "run-full",
        AccountId = account,
        UserName = "carol",
        AccessKeyId = "AKIACAROL0000000001",
        Action = "DeactivateKey",
        Reason = "PastDeactivateAgeAndIdle",
        Outcome = AuditOutcome.Failed,
        Error = "IAM UpdateAccessKey failed: Throttling (HTTP 400)",
        Detail = "replaced by AKIACAROL0000000002",
        Actor = "arn:aws:sts::999999999999:assumed-role/KeyRotation/run-full",
        Policy = "rotate=165,deactivate=180,delete=185,idle=10",
        KeyAgeDays = 181,
        LastUsedAt = new DateTimeOffset(2026, 11, 10, 8, 0, 0, TimeSpan.FromHours(-5)).AddTicks(42),
        ToolVersion = "0.1.0+abc",
        Summary = "{\"accounts\":1,\"processed\":1}",
    };
}
