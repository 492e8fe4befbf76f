using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KeyRotation.Cli.Output;

/// <summary>One event in <c>--output json</c>; property order and names follow FORMATS.md, absent fields are null.</summary>
internal sealed record AuditJsonRow(
    string EventId, string OccurredAt, string AccountId, string? UserName, string? AccessKeyId, string Action,
    string? Reason, string Outcome, string? Error, string RunId, string? Actor, string? Policy, int? KeyAgeDays,
    string? LastUsedAt, string ToolVersion, string? Detail, string? Summary, string? IntentId = null);

/// <summary>Source-generated serialization, so the trimmed native executable needs no reflection.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AuditJsonRow))]
internal sealed partial class AuditJsonContext : JsonSerializerContext
{
    /// <summary>Relaxed escaping keeps '+' and non-ASCII readable; output goes to files and terminals, not HTML.</summary>
    public static AuditJsonContext Readable { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
