using KeyRotation.Core.Planning;

namespace KeyRotation.Core.Audit;

/// <summary>
/// What reconciliation must check in one account before planning (ROTATION-POLICY.md, "Reconciliation"): the
/// intents without an outcome, and the keys this tool created whose hand-off is not recorded as done (a roll-back
/// that failed left one "unhandled"). Computed from the account's mutation history; pure.
/// </summary>
/// <param name="OpenIntents">Intents no event names as resolved (<see cref="AuditEvent.IntentId"/>), oldest first.</param>
/// <param name="UnhandledKeys">Keys created by this tool, neither handed over nor deleted since, per user.</param>
/// <param name="HandedOffKeyIds">Keys whose hand-off is recorded as done: never taken for orphans.</param>
public sealed record UnresolvedWork(
    IReadOnlyList<AuditEvent> OpenIntents,
    IReadOnlyList<UnhandledKey> UnhandledKeys,
    IReadOnlySet<string> HandedOffKeyIds)
{
    public static UnresolvedWork None { get; } = new([], [], new HashSet<string>(StringComparer.Ordinal));

    /// <summary>The actions whose events reconciliation reads: the mutations and the secret's storage.</summary>
    public static IReadOnlyList<string> Actions { get; } =
    [
        nameof(ActionKind.CreateKey), nameof(ActionKind.DeactivateKey), nameof(ActionKind.DeleteKey), AuditAction.StoreSecret,
    ];

    public bool IsEmpty => OpenIntents.Count == 0 && UnhandledKeys.Count == 0;

    /// <summary>Every user with something to reconcile, in ordinal order.</summary>
    public IReadOnlyList<string> UserNames =>
        [.. OpenIntents.Select(i => i.UserName!).Concat(UnhandledKeys.Select(k => k.UserName))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>Whether an event belongs to the history <see cref="From"/> needs (stores may pre-filter with it).</summary>
    public static bool IsRelevant(AuditEvent e) => e.UserName is not null && (e.IntentId is not null || Actions.Contains(e.Action));

    /// <param name="history">One account's events of the look-back window, in any order; others are ignored.</param>
    public static UnresolvedWork From(IEnumerable<AuditEvent> history)
    {
        var events = history.Where(IsRelevant).OrderBy(e => e.OccurredAt).ToArray();
        var resolved = events.Where(e => e.IntentId is not null).Select(e => e.IntentId!).ToHashSet(StringComparer.Ordinal);
        var handedOff = KeyIds(events, e => e.Outcome == AuditOutcome.Succeeded
            && e.Action is nameof(ActionKind.CreateKey) or AuditAction.StoreSecret);
        var deleted = KeyIds(events, e => e.Outcome == AuditOutcome.Succeeded && e.Action == nameof(ActionKind.DeleteKey));
        var unhandled = events
            .Where(e => e.AccessKeyId is not null && e.Action is nameof(ActionKind.CreateKey) or AuditAction.StoreSecret)
            .Where(e => !handedOff.Contains(e.AccessKeyId!) && !deleted.Contains(e.AccessKeyId!))
            .DistinctBy(e => e.AccessKeyId)
            .Select(e => new UnhandledKey(e.UserName!, e.AccessKeyId!, e.OccurredAt))
            .ToArray();
        var open = events.Where(e => e.IsIntent && !resolved.Contains(e.EventId)).ToArray();
        return new UnresolvedWork(open, unhandled, handedOff);
    }

    private static HashSet<string> KeyIds(IEnumerable<AuditEvent> events, Func<AuditEvent, bool> predicate) =>
        events.Where(e => e.AccessKeyId is not null && predicate(e)).Select(e => e.AccessKeyId!).ToHashSet(StringComparer.Ordinal);
}

/// <summary>A key this tool created whose secret is not recorded as handed over, first seen at <paramref name="SeenAt"/>.</summary>
public sealed record UnhandledKey(string UserName, string AccessKeyId, DateTimeOffset SeenAt);
