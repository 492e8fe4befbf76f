using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace KeyRotation.Core.Audit.Digests;

/// <summary>
/// The seal of one finished run (docs/audit.md, "Digest"): the hash of each of its events and of all of them in
/// event-id order, and a link to the digest written before it. Stored once, never changed; the next digest's
/// <see cref="Previous"/> holds the SHA-256 of exactly the bytes <see cref="ToBytes"/> produced.
/// </summary>
public sealed record AuditDigest
{
    /// <summary>The <c>format</c> field; a new canonical form or layout gets a new name.</summary>
    public const string FormatName = "keyrotation-audit-digest/1";

    /// <summary>Position in the chain: the first digest is 1, each next one the previous plus 1.</summary>
    public required long Sequence { get; init; }

    public required string RunId { get; init; }

    /// <summary>When the run's RunFinished event says it finished (UTC).</summary>
    public required DateTimeOffset FinishedAt { get; init; }

    /// <summary><see cref="AuditEventCanonicalForm.HashAll"/> of the run's events.</summary>
    public required string EventsSha256 { get; init; }

    /// <summary>Each event's id and hash, in ordinal event-id order, so verify can name what changed.</summary>
    public required IReadOnlyList<SealedEvent> Events { get; init; }

    /// <summary>The digest before this one; null only for the first of a chain.</summary>
    public DigestLink? Previous { get; init; }

    /// <summary>The digest of <paramref name="events"/> (a run's events as the audit table holds them).</summary>
    public static AuditDigest Seal(
        long sequence, string runId, DateTimeOffset finishedAt, IEnumerable<AuditEvent> events, DigestLink? previous)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        var ordered = events.OrderBy(e => e.EventId, StringComparer.Ordinal).ToArray();
        return new AuditDigest
        {
            Sequence = sequence,
            RunId = runId,
            FinishedAt = finishedAt.ToUniversalTime(),
            EventsSha256 = AuditEventCanonicalForm.HashAll(ordered),
            Events = ordered.Select(e => new SealedEvent(e.EventId, AuditEventCanonicalForm.Hash(e))).ToArray(),
            Previous = previous,
        };
    }

    /// <summary>SHA-256 of a stored digest's bytes, lower-case hex: what the next digest's link names.</summary>
    public static string HashOf(ReadOnlySpan<byte> stored) => Convert.ToHexStringLower(SHA256.HashData(stored));

    /// <summary>The link a digest stored as <paramref name="stored"/> gives its successor.</summary>
    public DigestLink LinkTo(ReadOnlySpan<byte> stored) => new(Sequence, RunId, HashOf(stored));

    /// <summary>Indented UTF-8 JSON, properties in the documented order.</summary>
    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", FormatName);
            json.WriteNumber("sequence", Sequence);
            json.WriteString("runId", RunId);
            json.WriteString("finishedAt", AuditEventCanonicalForm.Instant(FinishedAt));
            json.WriteNumber("eventCount", Events.Count);
            json.WriteString("eventsSha256", EventsSha256);
            if (Previous is { } previous)
            {
                json.WriteStartObject("previous");
                json.WriteNumber("sequence", previous.Sequence);
                json.WriteString("runId", previous.RunId);
                json.WriteString("sha256", previous.Sha256);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("previous");
            }

            json.WriteStartArray("events");
            foreach (var e in Events)
            {
                json.WriteStartObject();
                json.WriteString("eventId", e.EventId);
                json.WriteString("sha256", e.Sha256);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <exception cref="FormatException">Not a digest of <see cref="FormatName"/>; the message says what is wrong.</exception>
    public static AuditDigest Parse(ReadOnlyMemory<byte> stored)
    {
        try
        {
            using var document = JsonDocument.Parse(stored);
            var root = document.RootElement;
            var format = root.GetProperty("format").GetString();
            if (format != FormatName)
                throw new FormatException($"digest format '{format}' is not '{FormatName}'");
            var previous = root.GetProperty("previous");
            var events = root.GetProperty("events").EnumerateArray()
                .Select(e => new SealedEvent(Text(e, "eventId"), Text(e, "sha256"))).ToArray();
            var count = root.GetProperty("eventCount").GetInt32();
            if (count != events.Length)
                throw new FormatException($"digest says eventCount {count} but lists {events.Length} events");
            return new AuditDigest
            {
                Sequence = root.GetProperty("sequence").GetInt64(),
                RunId = Text(root, "runId"),
                FinishedAt = DateTimeOffset.Parse(Text(root, "finishedAt"), CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
                EventsSha256 = Text(root, "eventsSha256"),
                Events = events,
                Previous = previous.ValueKind == JsonValueKind.Null
                    ? null
                    : new DigestLink(previous.GetProperty("sequence").GetInt64(), Text(previous, "runId"), Text(previous, "sha256")),
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new FormatException($"not a readable audit digest: {e.Message}", e);
        }
    }

    private static string Text(JsonElement element, string name) =>
        element.GetProperty(name).GetString() is { Length: > 0 } value
            ? value
            : throw new FormatException($"digest field '{name}' is empty");
}

/// <summary>One sealed event: its id and <see cref="AuditEventCanonicalForm.Hash"/>.</summary>
public sealed record SealedEvent(string EventId, string Sha256);

/// <summary>Names the digest before: its sequence, run and the SHA-256 of its stored bytes.</summary>
public sealed record DigestLink(long Sequence, string RunId, string Sha256);
