using KeyRotation.Core.Facts;
using KeyRotation.Core.Planning;
using KeyRotation.Core.Policy;
using KeyRotation.Core.Tags;
using KeyRotation.Core.Targeting;

namespace KeyRotation.Core.Incidents;

/// <summary>
/// The decisions of the operator actions (ROTATION-POLICY.md, "Incident actions"), pure: what a revoke notes about
/// opt-outs and exemptions, and whether a restore may go ahead.
/// </summary>
/// <remarks>
/// Revoke ignores opt-outs and exemptions on purpose: they defer scheduled rotation, while an exposed key must stop
/// working now. The output says so, so nobody mistakes the revoke for a broken opt-out.
/// </remarks>
public static class IncidentRules
{
    /// <summary>What a revoke of a key of this user overrides, each ending in why; empty when nothing.</summary>
    public static IReadOnlyList<string> OverriddenProtections(
        AccountFacts account, UserFacts user, TagConventions tags, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(tags);
        const string why = ": revoked anyway because this is an incident action";
        var notes = new List<string>();
        if (AccountSelector.Evaluate(account, AccountTargeting.All, tags) == AccountSkipReason.OptOut)
        {
            notes.Add($"account {account.AccountId} opted out of rotation ({tags.OptOut}=true){why}");
        }

        if (ExemptionTag.Read(user.Tags, tags, now) is { State: ExemptionState.Exempt } exemption)
        {
            notes.Add($"user {user.UserName} exempt ({exemption.Detail}){why}");
        }

        return notes;
    }

    /// <summary>
    /// Whether a restore of <paramref name="key"/> may go ahead at <paramref name="now"/>, judged by the recovery window
    /// of the policy in force for the user (global, then account and user tag overrides, as the planner applies them).
    /// </summary>
    /// <param name="key">The key's live facts, with the audit trail's last deactivation by this tool merged in.</param>
    /// <param name="force">The operator's override (--force): refusals become notes.</param>
    public static RestoreVerdict Restore(
        AccessKeyFacts key, AccountFacts account, UserFacts user, RotationPolicy global, TagConventions tags,
        DateTimeOffset now, bool force)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(user);
        var policy = PolicyResolver.Resolve(global, account.Tags, user.Tags, tags).Effective;
        if (key.Status == AccessKeyStatus.Active)
        {
            return new RestoreVerdict(RestoreDecision.AlreadyActive, $"access key {key.AccessKeyId} is already Active");
        }

        if (key.DeactivatedByToolAt is not { } deactivatedAt)
        {
            var text = $"the audit trail shows no deactivation of {key.AccessKeyId} by this tool";
            return force
                ? new RestoreVerdict(RestoreDecision.Restore, $"{text}; restored because --force was given")
                : new RestoreVerdict(RestoreDecision.NotDeactivatedByTool, $"{text}; give --force to restore it anyway");
        }

        var days = WholeDays.Between(deactivatedAt, now);
        var window = $"deactivated by this tool {days} days ago (recovery window {policy.EffectiveRecoveryDays} days)";
        if (RecoveryWindow.Contains(key, policy, now))
        {
            return new RestoreVerdict(RestoreDecision.Restore, window);
        }

        return force
            ? new RestoreVerdict(RestoreDecision.Restore, $"{window}; past the window, restored because --force was given")
            : new RestoreVerdict(RestoreDecision.OutsideRecoveryWindow, $"{window}: past the window; give --force to restore it anyway");
    }
}

/// <summary>What <see cref="IncidentRules.Restore"/> decided; <see cref="Detail"/> says why in words.</summary>
public sealed record RestoreVerdict(RestoreDecision Decision, string Detail);

/// <summary>The outcomes of a restore decision.</summary>
public enum RestoreDecision
{
    /// <summary>Set the key Active.</summary>
    Restore,

    /// <summary>Nothing to do.</summary>
    AlreadyActive,

    /// <summary>Refused: no deactivation by this tool on record (unless forced).</summary>
    NotDeactivatedByTool,

    /// <summary>Refused: the recovery window has passed (unless forced).</summary>
    OutsideRecoveryWindow,
}
