using System.Globalization;
using Amazon.DynamoDBv2.Model;
using KeyRotation.Core.Audit;
using S = KeyRotation.Aws.Audit.AuditTableSchema;

namespace KeyRotation.Aws.Audit;

/// <summary>Maps an <see cref="AuditEvent"/> to one DynamoDB item and back; absent optional fields are absent attributes.</summary>
internal static class AuditItemMapper
{
    public static Dictionary<string, AttributeValue> ToItem(AuditEvent e)
    {
        Validate(e);
        var item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [S.Pk] = Str(S.PartitionFor(e.AccountId)),
            [S.Sk] = Str(AuditTime.SortKey(e.OccurredAt, e.EventId)),
            [S.Day] = Str(AuditTime.Day(e.OccurredAt)),
            [S.EventId] = Str(e.EventId),
            [S.OccurredAt] = Str(AuditTime.Format(e.OccurredAt)),
            [S.RunId] = Str(e.RunId),
            [S.AccountId] = Str(e.AccountId),
            [S.Action] = Str(e.Action),
            [S.Outcome] = Str(e.Outcome),
            [S.ToolVersion] = Str(e.ToolVersion),
        };
        if (e.UserName is not null)
        {
            item[S.UserName] = Str(e.UserName);
            item[S.UserKey] = Str(S.UserKeyFor(e.AccountId, e.UserName));
        }
        Optional(item, S.AccessKeyId, e.AccessKeyId);
        Optional(item, S.Reason, e.Reason);
        Optional(item, S.Error, e.Error);
        Optional(item, S.Detail, e.Detail);
        Optional(item, S.Actor, e.Actor);
        Optional(item, S.Policy, e.Policy);
        Optional(item, S.Summary, e.Summary);
        Optional(item, S.IntentId, e.IntentId);
        if (e.KeyAgeDays is { } age)
            item[S.KeyAgeDays] = new AttributeValue { N = age.ToString(CultureInfo.InvariantCulture) };
        if (e.LastUsedAt is { } lastUsed)
            item[S.LastUsedAt] = Str(AuditTime.Format(lastUsed));
        return item;
    }

    public static AuditEvent FromItem(IReadOnlyDictionary<string, AttributeValue> item) => new()
    {
        EventId = Required(item, S.EventId),
        OccurredAt = AuditTime.Parse(Required(item, S.OccurredAt), S.OccurredAt),
        RunId = Required(item, S.RunId),
        AccountId = Required(item, S.AccountId),
        UserName = Get(item, S.UserName),
        AccessKeyId = Get(item, S.AccessKeyId),
        Action = Required(item, S.Action),
        Reason = Get(item, S.Reason),
        Outcome = Required(item, S.Outcome),
        Error = Get(item, S.Error),
        Detail = Get(item, S.Detail),
        Actor = Get(item, S.Actor),
        Policy = Get(item, S.Policy),
        KeyAgeDays = item.TryGetValue(S.KeyAgeDays, out var n) && n.N is not null
            ? int.Parse(n.N, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : null,
        LastUsedAt = Get(item, S.LastUsedAt) is { } lastUsed ? AuditTime.Parse(lastUsed, S.LastUsedAt) : null,
        ToolVersion = Required(item, S.ToolVersion),
        Summary = Get(item, S.Summary),
        IntentId = Get(item, S.IntentId),
    };

    /// <summary>
    /// Rejects events the table cannot hold faithfully: key attributes of the table or an index cannot be empty strings.
    /// </summary>
    public static void Validate(AuditEvent e)
    {
        NotEmpty(e.EventId, "eventId", e.EventId);
        NotEmpty(e.AccountId, "accountId", e.EventId);
        NotEmpty(e.RunId, "runId", e.EventId);
        NotEmpty(e.Action, "action", e.EventId);
        NotEmpty(e.Outcome, "outcome", e.EventId);
        NotEmpty(e.ToolVersion, "toolVersion", e.EventId);
        if (e.AccessKeyId is not null) NotEmpty(e.AccessKeyId, "accessKeyId", e.EventId);
        if (e.UserName is not null) NotEmpty(e.UserName, "userName", e.EventId);
    }

    private static void NotEmpty(string? value, string field, string? eventId)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new ArgumentException(
                $"Audit event '{eventId}' has an empty '{field}'; the audit table cannot store it.", field);
    }

    private static AttributeValue Str(string value) => new() { S = value };

    private static void Optional(Dictionary<string, AttributeValue> item, string name, string? value)
    {
        if (value is not null) item[name] = Str(value);
    }

    private static string? Get(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var v) ? v.S : null;

    private static string Required(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        Get(item, name) ?? throw new FormatException(
            $"Audit item {Describe(item)} lacks the required attribute '{name}'.");

    private static string Describe(IReadOnlyDictionary<string, AttributeValue> item) =>
        $"pk='{Get(item, S.Pk)}' sk='{Get(item, S.Sk)}'";
}
