using KeyRotation.Core.Facts;
using KeyRotation.Core.Policy;

namespace KeyRotation.Core.Planning;

/// <summary>Whether a key this tool deactivated must still be kept restorable.</summary>
/// <remarks>
/// In the window when the tool deactivated it fewer than EffectiveRecoveryDays whole days ago, and always at or
/// before the instant of that deactivation. The second clause matters only for RecoveryDays = 0: without it a key
/// deactivated in a run would be deleted by a rerun at the same <c>now</c>, breaking "apply and plan again yields no
/// mutation". So with RecoveryDays = 0 a key is deleted by the first run strictly after the one that deactivated it.
/// A key deactivated by anyone else (no audit fact) is judged by its age alone.
/// </remarks>
internal static class RecoveryWindow
{
    public static bool Contains(AccessKeyFacts key, RotationPolicy policy, DateTimeOffset now) =>
        key.DeactivatedByToolAt is { } deactivatedAt
        && (deactivatedAt >= now || WholeDays.Between(deactivatedAt, now) < policy.EffectiveRecoveryDays);

    /// <summary>Why a key is held back, for messages.</summary>
    public static string Describe(KeyState key, RotationPolicy policy, DateTimeOffset now) =>
        key.Facts.DeactivatedByToolAt is { } at
            ? $"deactivated by this tool {WholeDays.Between(at, now)} days ago and kept restorable for {policy.EffectiveRecoveryDays} days"
            : "not held";
}
