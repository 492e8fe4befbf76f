using KeyRotation.Engine.Reporting;

namespace KeyRotation.Lambda.Events;

/// <summary>rotate-account's answer and, trimmed by the state machine to all but <see cref="Actions"/>, summarize's input.</summary>
/// <param name="ActionCounts">Planned or succeeded actions by action name, so a summary needs no action list.</param>
internal sealed record AccountResult(
    string AccountId,
    string? AccountName,
    AccountStatus Status,
    string? Reason,
    string? Error,
    IReadOnlyDictionary<string, int>? ActionCounts,
    IReadOnlyList<ActionRecord>? Actions);
