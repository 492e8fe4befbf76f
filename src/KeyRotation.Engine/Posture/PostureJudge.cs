using KeyRotation.Core.Facts;
using KeyRotation.Core.Planning;
using KeyRotation.Core.Policy;

namespace KeyRotation.Engine.Posture;

/// <summary>
/// Judges one user as a run would see it, without running anything: the planner decides what is due or blocked and
/// under which effective policy (tag overrides), and its day arithmetic and exemption reading give ages and expiry.
/// Pure: the same facts and <c>now</c> give the same answer.
/// </summary>
internal static class PostureJudge
{
    public static UserPosture Judge(UserFacts user, AccountFacts account, PostureOptions options)
    {
        var plan = RotationPlanner.Plan(new PlanningInput(user, account.Tags, options.Policy, options.Tags, options.AsOf));
        var policy = plan.EffectivePolicy;
        var exemption = ExemptionTag.Read(user.Tags, options.Tags, options.AsOf);
        var exempt = exemption.State == ExemptionState.Exempt;
        var keys = user.AccessKeys.Select(k => Key(k, policy, options.AsOf)).ToArray();
        return new UserPosture(
            user.UserName,
            keys,
            exempt,
            exempt ? exemption.Until : null,
            plan.Actions.Any(a => a.Action == ActionKind.CreateKey),
            plan.Actions.Any(a => a.Action == ActionKind.Blocked && a.Reason == ReasonCode.KeyLimit));
    }

    private static KeyPosture Key(AccessKeyFacts key, RotationPolicy policy, DateTimeOffset now)
    {
        var age = WholeDays.Between(key.CreatedAt, now);
        var active = key.Status == AccessKeyStatus.Active;
        return new KeyPosture(
            age,
            active,
            key.LastUsedAt is null,
            active ? Band(age, policy) : null,
            active && age < policy.DeactivateAfterDays);
    }

    public static AgeBand Band(int ageDays, RotationPolicy policy) =>
        ageDays >= policy.DeactivateAfterDays ? AgeBand.PastDeactivate
        : ageDays >= policy.RotateAfterDays ? AgeBand.RotateToDeactivate
        : ageDays >= KeyPosture.CisMaximumAgeDays ? AgeBand.NinetyDaysToRotate
        : AgeBand.UnderNinetyDays;
}
