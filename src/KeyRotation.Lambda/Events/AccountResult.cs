using KeyRotation.Core.Audit;
using KeyRotation.Engine.Reporting;

namespace KeyRotation.Lambda.Events;

/// <summary>
/// rotate-account's answer and summarize's input: the engine's account outcome (<see cref="AccountOutcome"/>), the
/// invocation's retries, and for the execution history the actions, notes and unwritten audit events. The state
/// machine keeps all but those last three for summarize.
/// </summary>
/// <param name="ActionCounts">Planned or succeeded actions by action name, so a summary needs no action list.</param>
internal sealed record AccountResult(
    string AccountId,
    string? AccountName,
    AccountStatus Status,
    string? Reason,
    string? Error,
    IReadOnlyDictionary<string, int>? ActionCounts,
    IReadOnlyList<ActionRecord>? Actions)
{
    /// <summary>One line per failed action, as the run summary lists it; null reads as none.</summary>
    public IReadOnlyList<string>? ActionFailures { get; init; }

    /// <summary>Retries the invocation took (throttling, transient errors); null reads as 0.</summary>
    public long? Retries { get; init; }

    public IReadOnlyList<string>? Notes { get; init; }

    /// <summary>Events of this account the audit store would not take; also logged, one line each.</summary>
    public IReadOnlyList<AuditEvent>? UnwrittenAuditEvents { get; init; }
}
