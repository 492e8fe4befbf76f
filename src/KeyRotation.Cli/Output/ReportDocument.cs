using System.Text.Json.Serialization;

namespace KeyRotation.Cli.Output;

/// <summary>The JSON report of FORMATS.md, field for field; enums are written by name.</summary>
internal sealed record ReportDocument(
    string RunId,
    string AsOf,
    bool DryRun,
    PolicyDocument Policy,
    IReadOnlyList<AccountDocument> Accounts,
    SummaryDocument Summary)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Notes { get; init; }

    /// <summary>Events the audit store would not take, printed so the record is not lost.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<AuditEventDocument>? UnwrittenAuditEvents { get; init; }
}

internal sealed record PolicyDocument(int RotateAfterDays, int DeactivateAfterDays, int DeleteAfterDays, int IdleDays)
{
    public int RecoveryDays { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ForceDeactivateAfterDays { get; init; }

    public string SecretDelivery { get; init; } = "";
}

internal sealed record AccountDocument(string AccountId, string AccountName, string Status)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; init; }

    public IReadOnlyList<ActionDocument> Actions { get; init; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Notes { get; init; }

    /// <summary>Users outside the managed scope, never planned; present only when the scope is narrowed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? UsersOutOfScope { get; init; }
}

/// <param name="AccessKeyId">Written as null, not left out, for user-level actions (the FORMATS.md example shows it).</param>
internal sealed record ActionDocument(
    string UserName, string? AccessKeyId, string Action, string Reason, string Outcome, string Detail)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; init; }
}

internal sealed record SummaryDocument(
    int Accounts,
    int Processed,
    int Skipped,
    int Failed,
    int Deferred,
    IReadOnlyDictionary<string, int> Actions,
    IReadOnlyList<FailureDocument> Failures,
    long Retries);

internal sealed record FailureDocument(string AccountId, string Error);

/// <summary>An audit item's fields (FORMATS.md "Audit item"); never a secret.</summary>
internal sealed record AuditEventDocument(
    string EventId,
    string OccurredAt,
    string RunId,
    string AccountId,
    string? UserName,
    string? AccessKeyId,
    string Action,
    string? Reason,
    string Outcome,
    string? Error,
    string? Detail,
    string? Actor,
    string? Policy,
    int? KeyAgeDays,
    string? LastUsedAt,
    string ToolVersion);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true)]
[JsonSerializable(typeof(ReportDocument))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
