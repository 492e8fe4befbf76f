namespace KeyRotation.Aws.Audit;

/// <summary>
/// Names of the audit table's keys, attributes and indexes. docs/audit.md and the CloudFormation template use the
/// same names; change them together.
/// </summary>
internal static class AuditTableSchema
{
    /// <summary>Partition key of the base table: <c>ACCOUNT#&lt;accountId&gt;</c>.</summary>
    public const string Pk = "pk";

    /// <summary>Sort key of the base table and of every index: <c>&lt;occurredAt fixed width&gt;#&lt;eventId&gt;</c>.</summary>
    public const string Sk = "sk";

    public const string AccountPrefix = "ACCOUNT#";

    public const string EventId = "eventId";
    public const string OccurredAt = "occurredAt";
    public const string RunId = "runId";
    public const string AccountId = "accountId";
    public const string UserName = "userName";
    public const string AccessKeyId = "accessKeyId";
    public const string Action = "action";
    public const string Reason = "reason";
    public const string Outcome = "outcome";
    public const string Error = "error";
    public const string Detail = "detail";
    public const string Actor = "actor";
    public const string Policy = "policy";
    public const string KeyAgeDays = "keyAgeDays";
    public const string LastUsedAt = "lastUsedAt";
    public const string ToolVersion = "toolVersion";
    public const string Summary = "summary";

    /// <summary>On an outcome: the event id of the intent it resolves (optional; intents have outcome <c>Intended</c>).</summary>
    public const string IntentId = "intentId";

    /// <summary><c>&lt;accountId&gt;#&lt;userName&gt;</c>; absent on events without a user (sparse index).</summary>
    public const string UserKey = "userKey";

    /// <summary>UTC day of <c>occurredAt</c>, <c>YYYY-MM-DD</c>.</summary>
    public const string Day = "day";

    public const string ByRunIndex = "byRun";
    public const string ByAccessKeyIndex = "byAccessKey";
    public const string ByUserIndex = "byUser";
    public const string ByDayIndex = "byDay";

    /// <summary>Partition attribute of each global secondary index; all use <see cref="Sk"/> as sort key.</summary>
    public static readonly IReadOnlyList<(string Index, string PartitionAttribute)> Indexes =
    [
        (ByRunIndex, RunId),
        (ByAccessKeyIndex, AccessKeyId),
        (ByUserIndex, UserKey),
        (ByDayIndex, Day),
    ];

    public static string PartitionFor(string accountId) => AccountPrefix + accountId;

    public static string UserKeyFor(string accountId, string userName) => accountId + "#" + userName;
}
