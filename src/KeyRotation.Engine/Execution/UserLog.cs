using KeyRotation.Core.Audit;
using KeyRotation.Core.Facts;
using KeyRotation.Core.Planning;
using KeyRotation.Core.Policy;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Reporting;

namespace KeyRotation.Engine.Execution;

/// <summary>
/// Everything one user's turn produces, in order: report records, their audit events (numbered within the user
/// so event ids are deterministic), and remarks. Audit events are written ahead: an intent is stored and awaited
/// before its mutation is sent (<see cref="IntendAsync"/>), and each outcome is stored right after it
/// (<see cref="FlushAsync"/>), so a process that dies at any point leaves the store knowing what may have changed.
/// Used by one task at a time.
/// </summary>
/// <param name="firstSequence">Where this user's event numbering starts, e.g. after its reconciliation's events.</param>
internal sealed class UserLog(
    RunContext run, AccountFacts account, string userName, string owner, AccountGiveUp giveUp, AuditWriter writer,
    int firstSequence = 0)
{
    private readonly List<ActionRecord> records = [];
    private readonly List<AuditEvent> pending = [];
    private readonly List<string> notes = [];
    private int sequence = firstSequence;
    private int refusedEvents;

    public RunContext Run { get; } = run;

    public AccountFacts Account { get; } = account;

    public string UserName { get; } = userName;

    /// <summary>The user's owner tag, or "unknown".</summary>
    public string Owner { get; } = owner;

    /// <summary>The policy in force for this user, recorded in every event. Starts as the global policy.</summary>
    public RotationPolicy Policy { get; set; } = run.Options.Policy;

    /// <summary>The number the user's next event gets.</summary>
    public int NextSequence => sequence;

    /// <summary>Why the store refused the last write, for the record of a mutation not attempted.</summary>
    public string? LastAuditError { get; private set; }

    public void Record(
        ActionKind action, ReasonCode reason, string? accessKeyId, string outcome, string detail,
        string? error = null, int? keyAgeDays = null, DateTimeOffset? lastUsedAt = null, string? intentId = null)
    {
        (accessKeyId, detail) = WithoutPlaceholder(accessKeyId, detail);
        records.Add(new ActionRecord(UserName, accessKeyId, action, reason, outcome, detail, error));
        Audit(action.ToString(), reason.ToString(), accessKeyId, outcome, detail, error, keyAgeDays, lastUsedAt, intentId);
    }

    /// <summary>Records a planned action as it is, or with another outcome, key id or detail.</summary>
    public void Record(
        PlannedAction planned, string outcome, string? error = null, string? accessKeyId = null, string? detail = null,
        string? intentId = null) =>
        Record(planned.Action, planned.Reason, accessKeyId ?? planned.AccessKeyId, outcome, detail ?? planned.Detail,
            error, planned.KeyAgeDays, planned.LastUsedAt, intentId);

    /// <summary>An audit event with no report record, e.g. a failed notification or a secret's storage.</summary>
    public void Audit(
        string action, string? reason, string? accessKeyId, string outcome, string? detail,
        string? error = null, int? keyAgeDays = null, DateTimeOffset? lastUsedAt = null, string? intentId = null)
    {
        (accessKeyId, detail) = WithoutPlaceholder(accessKeyId, detail);
        pending.Add(Run.Event(Account.AccountId, UserName, accessKeyId, action, reason, outcome, sequence++, Policy,
            detail, error, keyAgeDays, lastUsedAt, intentId: intentId));
    }

    /// <summary>
    /// Stores the intent to send a mutation, with whatever was recorded before it, and waits for the store.
    /// </summary>
    /// <returns>The intent's event id, to be named by the outcome; null when the store refused it
    /// (<see cref="LastAuditError"/> says why): the mutation must then not be sent.</returns>
    public async Task<string?> IntendAsync(
        string action, string reason, string? accessKeyId, string detail, int? keyAgeDays = null, DateTimeOffset? lastUsedAt = null)
    {
        var intent = Run.Event(Account.AccountId, UserName, accessKeyId, action, reason, AuditOutcome.Intended,
            sequence++, Policy, detail, keyAgeDays: keyAgeDays, lastUsedAt: lastUsedAt);
        var batch = pending.Append(intent).ToArray();
        pending.Clear();
        if (await writer.TryWriteAsync(batch) is not { } error)
        {
            return intent.EventId;
        }

        // The intent is dropped with its mutation; what came before it is kept for the report.
        Refused(batch[..^1], error);
        return null;
    }

    /// <inheritdoc cref="IntendAsync(string, string, string?, string, int?, DateTimeOffset?)"/>
    public Task<string?> IntendAsync(PlannedAction planned) =>
        IntendAsync(planned.Action.ToString(), planned.Reason.ToString(), planned.AccessKeyId, planned.Detail,
            planned.KeyAgeDays, planned.LastUsedAt);

    /// <summary>Stores what was recorded since the last write; what the store refuses is kept for the report.</summary>
    public async Task FlushAsync()
    {
        if (pending.Count == 0)
        {
            return;
        }

        var batch = pending.ToArray();
        pending.Clear();
        if (await writer.TryWriteAsync(batch) is { } error)
        {
            Refused(batch, error);
        }
    }

    /// <summary>The message of an error the turn caught, noting on the way whether it gave the account up.</summary>
    public string Fault(Exception error) => giveUp.Observe(error);

    public void Note(string text) => notes.Add($"user {UserName}: {text}");

    /// <summary>Set when the turn ended early on purpose (the run stopping) with its plan not through.</summary>
    public string? StoppedBy { get; set; }

    /// <summary>What the turn left behind; call after a last <see cref="FlushAsync"/>.</summary>
    public UserOutcome ToOutcome()
    {
        var remarks = notes.ToList();
        if (refusedEvents > 0)
        {
            remarks.Add($"user {UserName}: audit store refused {refusedEvents} events (kept in the report): {LastAuditError}");
        }

        return new UserOutcome(records.ToArray(), remarks, sequence, StoppedBy);
    }

    /// <summary>
    /// A bulk snapshot's stand-in for a key id (<see cref="DiscoveredUsers.PlaceholderKeyId"/>) never reaches a report
    /// or the audit store: it would pollute the by-access-key index. The record names no key, its text the slot.
    /// </summary>
    private static (string? AccessKeyId, string Detail) WithoutPlaceholder(string? accessKeyId, string? detail)
    {
        var text = DiscoveredUsers.WithoutPlaceholders(detail ?? "");
        return DiscoveredUsers.SlotOf(accessKeyId) is { } slot
            ? (null, $"{text} (the key in credential report slot {slot}; its id was not read)")
            : (accessKeyId, text);
    }

    private void Refused(IReadOnlyList<AuditEvent> batch, string error)
    {
        LastAuditError = error;
        refusedEvents += batch.Count;
        writer.Keep(batch);
    }
}

/// <summary>What one user's turn left behind.</summary>
/// <param name="NextSequence">The number the user's next event would get.</param>
/// <param name="StoppedBy">Set when the turn ended before its plan was through (cancellation).</param>
/// <param name="Crash">Set when the turn ended on an unexpected error.</param>
internal sealed record UserOutcome(
    IReadOnlyList<ActionRecord> Records,
    IReadOnlyList<string> Notes,
    int NextSequence = 0,
    string? StoppedBy = null,
    string? Crash = null);
