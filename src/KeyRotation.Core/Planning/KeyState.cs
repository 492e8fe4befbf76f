using KeyRotation.Core.Facts;
using KeyRotation.Core.Policy;

namespace KeyRotation.Core.Planning;

/// <summary>One access key as the planner judges it at <c>now</c> under the effective policy.</summary>
internal sealed record KeyState(AccessKeyFacts Facts, int AgeDays, int? DaysSinceLastUse, bool InRecoveryWindow)
{
    public string Id => Facts.AccessKeyId;

    public bool IsActive => Facts.Status == AccessKeyStatus.Active;

    public bool IsInactive => Facts.Status == AccessKeyStatus.Inactive;

    /// <summary>Inactive and out of its recovery window, so the tool may delete it.</summary>
    public bool IsDeletable => IsInactive && !InRecoveryWindow;

    /// <summary>Never used, or last used at least IdleDays ago.</summary>
    public bool IsIdle(RotationPolicy policy) => DaysSinceLastUse is not { } days || days >= policy.IdleDays;

    public static KeyState Of(AccessKeyFacts key, RotationPolicy policy, DateTimeOffset now) => new(
        key,
        WholeDays.Between(key.CreatedAt, now),
        key.LastUsedAt is { } used ? WholeDays.Between(used, now) : null,
        RecoveryWindow.Contains(key, policy, now));

    /// <summary>Oldest first; the id breaks ties so the plan never depends on the order keys were listed in.</summary>
    public static int CompareByAge(KeyState a, KeyState b)
    {
        var byCreation = a.Facts.CreatedAt.CompareTo(b.Facts.CreatedAt);
        return byCreation != 0 ? byCreation : string.CompareOrdinal(a.Id, b.Id);
    }
}
