using KeyRotation.Core.Facts;
using KeyRotation.Core.Planning;
using KeyRotation.Core.Policy;
using KeyRotation.Engine.Reporting;

namespace KeyRotation.Engine.Execution;

/// <summary>
/// Everything one user's turn produces, in order: report records, their audit events (numbered within the user
/// so event ids are deterministic), and remarks. Used by one task at a time.
/// </summary>
internal sealed class UserLog(RunContext run, AccountFacts account, string userName, string owner, AccountGiveUp giveUp)
{
    private readonly List<ActionRecord> records = [];
    private readonly List<Core.Audit.AuditEvent> events = [];
    private readonly List<string> notes = [];
    private int sequence;

    public RunContext Run { get; } = run;

    public AccountFacts Account { get; } = account;

    public string UserName { get; } = userName;

    /// <summary>The user's owner tag, or "unknown".</summary>
    public string Owner { get; } = owner;

    /// <summary>The policy in force for this user, recorded in every event. Starts as the global policy.</summary>
    public RotationPolicy Policy { get; set; } = run.Options.Policy;

    public void Record(
        ActionKind action, ReasonCode reason, string? accessKeyId, string outcome, string detail,
        string? error = null, int? keyAgeDays = null, DateTimeOffset? lastUsedAt = null)
    {
        records.Add(new ActionRecord(UserName, accessKeyId, action, reason, outcome, detail, error));
        Audit(action.ToString(), reason.ToString(), accessKeyId, outcome, detail, error, keyAgeDays, lastUsedAt);
    }

    /// <summary>Records a planned action as it is, or with another outcome, key id or detail.</summary>
    public void Record(
        PlannedAction planned, string outcome, string? error = null, string? accessKeyId = null, string? detail = null) =>
        Record(planned.Action, planned.Reason, accessKeyId ?? planned.AccessKeyId, outcome, detail ?? planned.Detail,
            error, planned.KeyAgeDays, planned.LastUsedAt);

    /// <summary>An audit event with no report record, e.g. a failed notification.</summary>
    public void Audit(
        string action, string? reason, string? accessKeyId, string outcome, string? detail,
        string? error = null, int? keyAgeDays = null, DateTimeOffset? lastUsedAt = null) =>
        events.Add(Run.Event(Account.AccountId, UserName, accessKeyId, action, reason, outcome, sequence++, Policy,
            detail, error, keyAgeDays, lastUsedAt));

    /// <summary>The message of an error the turn caught, noting on the way whether it gave the account up.</summary>
    public string Fault(Exception error) => giveUp.Observe(error);

    public void Note(string text) => notes.Add($"user {UserName}: {text}");

    /// <summary>Set when the turn ended early on purpose (the run stopping) with its plan not through.</summary>
    public string? StoppedBy { get; set; }

    public UserOutcome ToOutcome() => new(records.ToArray(), events.ToArray(), notes.ToArray(), StoppedBy);
}

/// <summary>What one user's turn left behind.</summary>
/// <param name="StoppedBy">Set when the turn ended before its plan was through (cancellation).</param>
/// <param name="Crash">Set when the turn ended on an unexpected error.</param>
internal sealed record UserOutcome(
    IReadOnlyList<ActionRecord> Records,
    IReadOnlyList<Core.Audit.AuditEvent> Events,
    IReadOnlyList<string> Notes,
    string? StoppedBy = null,
    string? Crash = null);
