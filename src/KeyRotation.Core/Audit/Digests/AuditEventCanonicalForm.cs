using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace KeyRotation.Core.Audit.Digests;

/// <summary>
/// The bytes a digest hashes for one event (docs/audit.md, "Canonical form"): every field of
/// <see cref="AuditEvent"/> in a fixed order, one line each, <c>name=</c> then the value's UTF-8 length in bytes,
/// <c>:</c> and the value, or <c>name-</c> when the field is absent. Length prefixes keep any value (newlines
/// included) from being confused with the next field; instants are UTC ISO 8601 with seven fractional digits.
/// Change it only with a new <see cref="AuditDigest.FormatName"/>: stored digests are checked against it forever.
/// </summary>
public static class AuditEventCanonicalForm
{
    private const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static byte[] Bytes(AuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var text = new StringBuilder();
        Field(text, "eventId", e.EventId);
        Field(text, "occurredAt", Instant(e.OccurredAt));
        Field(text, "runId", e.RunId);
        Field(text, "accountId", e.AccountId);
        Field(text, "userName", e.UserName);
        Field(text, "accessKeyId", e.AccessKeyId);
        Field(text, "action", e.Action);
        Field(text, "reason", e.Reason);
        Field(text, "outcome", e.Outcome);
        Field(text, "error", e.Error);
        Field(text, "detail", e.Detail);
        Field(text, "actor", e.Actor);
        Field(text, "policy", e.Policy);
        Field(text, "keyAgeDays", e.KeyAgeDays?.ToString(CultureInfo.InvariantCulture));
        Field(text, "lastUsedAt", e.LastUsedAt is { } used ? Instant(used) : null);
        Field(text, "toolVersion", e.ToolVersion);
        Field(text, "summary", e.Summary);
        Field(text, "intentId", e.IntentId);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>SHA-256 of <see cref="Bytes"/>, lower-case hex.</summary>
    public static string Hash(AuditEvent e) => Convert.ToHexStringLower(SHA256.HashData(Bytes(e)));

    /// <summary>
    /// SHA-256 over the canonical bytes of every event, concatenated in ordinal event-id order, lower-case hex.
    /// </summary>
    public static string HashAll(IEnumerable<AuditEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var e in events.OrderBy(e => e.EventId, StringComparer.Ordinal))
            hash.AppendData(Bytes(e));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static string Instant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture);

    private static void Field(StringBuilder text, string name, string? value)
    {
        text.Append(name);
        if (value is null)
        {
            text.Append("-\n");
            return;
        }

        text.Append('=').Append(Encoding.UTF8.GetByteCount(value).ToString(CultureInfo.InvariantCulture)).Append(':')
            .Append(value).Append('\n');
    }
}
