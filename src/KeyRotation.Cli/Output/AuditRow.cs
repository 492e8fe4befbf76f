using System.Globalization;
using KeyRotation.Core.Audit;

namespace KeyRotation.Cli.Output;

/// <summary>
/// An audit event as output cells, in the FORMATS.md order. Instants are ISO 8601 UTC with a <c>Z</c> and only
/// as many fraction digits as they have.
/// </summary>
internal static class AuditRow
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "eventId", "occurredAt", "accountId", "userName", "accessKeyId", "action", "reason", "outcome", "error",
        "runId", "actor", "policy", "keyAgeDays", "lastUsedAt", "toolVersion", "detail", "summary",
        "intentId",
    ];

    public static string?[] Cells(AuditEvent e) =>
    [
        e.EventId, Instant(e.OccurredAt), e.AccountId, e.UserName, e.AccessKeyId, e.Action, e.Reason, e.Outcome, e.Error,
        e.RunId, e.Actor, e.Policy, e.KeyAgeDays?.ToString(CultureInfo.InvariantCulture),
        e.LastUsedAt is { } lastUsed ? Instant(lastUsed) : null, e.ToolVersion, e.Detail, e.Summary,
        e.IntentId,
    ];

    public static string Instant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
