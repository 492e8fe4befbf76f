using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Engine.Execution;

/// <summary>Hands the planner the audit trail's deactivation times as facts of the Inactive keys.</summary>
internal static class FactMerger
{
    /// <summary>The real ids of the Inactive keys; a bulk snapshot's placeholders are left out (nothing to look up).</summary>
    public static IReadOnlyList<string> InactiveKeyIds(IEnumerable<UserFacts> users) =>
        users.SelectMany(u => u.AccessKeys)
            .Where(k => k.Status == AccessKeyStatus.Inactive && DiscoveredUsers.SlotOf(k.AccessKeyId) is null)
            .Select(k => k.AccessKeyId).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Keeps the later of what the identity store and the audit trail say, so neither can shorten a recovery window.</summary>
    public static UserFacts Merge(UserFacts user, IReadOnlyDictionary<string, DateTimeOffset> lastDeactivations)
    {
        var keys = user.AccessKeys.Select(k =>
            k.Status == AccessKeyStatus.Inactive && lastDeactivations.TryGetValue(k.AccessKeyId, out var audited)
                ? k with { DeactivatedByToolAt = Later(k.DeactivatedByToolAt, audited) }
                : k).ToArray();
        return user with { AccessKeys = keys };
    }

    private static DateTimeOffset Later(DateTimeOffset? fact, DateTimeOffset audited) =>
        fact is { } f && f > audited ? f : audited;
}
