using FsCheck.Xunit;
using KeyRotation.Core.Facts;
using KeyRotation.Core.Planning;
using KeyRotation.Core.Tests.Support;

namespace KeyRotation.Core.Tests.Planning;

/// <summary>The invariants of ROTATION-POLICY.md, checked against generated policies, keys and tags.</summary>
[Properties(Arbitrary = [typeof(ScenarioArbitraries)], MaxTest = 400)]
public sealed class RotationPlannerPropertyTests
{
    private static int DaysSince(DateTimeOffset t, DateTimeOffset now) => (int)Math.Floor((now - t).TotalDays);

    [Property]
    public void Plan_AnyScenario_UserNeverExceedsTwoKeys(Scenario s)
    {
        var plan = RotationPlanner.Plan(s.Input);

        var (after, most) = PlanApplier.Apply(s.User, plan, s.Now);

        Assert.True(most <= 2, $"held {most} keys while the plan ran");
        Assert.True(after.AccessKeys.Count <= 2);
    }

    [Property]
    public void Plan_AnyScenario_NeverDeletesAnActiveKey(Scenario s)
    {
        var plan = RotationPlanner.Plan(s.Input);

        foreach (var delete in plan.Actions.Where(a => a.Action == ActionKind.DeleteKey))
        {
            var key = Assert.Single(s.Keys, k => k.AccessKeyId == delete.AccessKeyId);
            Assert.Equal(AccessKeyStatus.Inactive, key.Status);
        }
    }

    [Property]
    public void Plan_KeyUsedWithinIdleDays_DeactivatedOnlyAtForcedDeadline(Scenario s)
    {
        var plan = RotationPlanner.Plan(s.Input);
        var policy = plan.EffectivePolicy;

        foreach (var deactivate in plan.Actions.Where(a => a.Action == ActionKind.DeactivateKey))
        {
            var key = Assert.Single(s.Keys, k => k.AccessKeyId == deactivate.AccessKeyId);
            var age = DaysSince(key.CreatedAt, s.Now);
            Assert.Equal(AccessKeyStatus.Active, key.Status);
            Assert.True(age >= policy.DeactivateAfterDays, $"deactivated at {age} days, threshold {policy.DeactivateAfterDays}");
            var usedRecently = key.LastUsedAt is { } used && DaysSince(used, s.Now) < policy.IdleDays;
            if (usedRecently)
            {
                Assert.Equal(ReasonCode.ForcedDeadline, deactivate.Reason);
                Assert.True(policy.ForceDeactivateAfterDays is { } force && age >= force);
            }
        }
    }

    [Property]
    public void Plan_AnyScenario_EffectivePolicyValidAndGlobalWithoutOverrides(Scenario s)
    {
        var plan = RotationPlanner.Plan(s.Input);

        Assert.Empty(plan.EffectivePolicy.Validate());
        var overrides = s.AccountTags.Keys.Concat(s.UserTags.Keys).Any(k => k.EndsWith("-days", StringComparison.Ordinal));
        if (!overrides)
        {
            Assert.Equal(s.Policy, plan.EffectivePolicy);
        }
    }

    [Property]
    public void Plan_ExemptUser_SingleSkipAndNoMutation(ExemptScenario e)
    {
        var plan = RotationPlanner.Plan(e.Scenario.Input);

        var only = Assert.Single(plan.Actions);
        Assert.Equal((ActionKind.Skip, ReasonCode.Exempt), (only.Action, only.Reason));
        Assert.False(plan.HasMutation);
    }

    [Property]
    public void Plan_AppliedThenPlannedAgainAtSameNow_NoMutation(Scenario s)
    {
        var first = RotationPlanner.Plan(s.Input);
        var (after, _) = PlanApplier.Apply(s.User, first, s.Now);

        var second = RotationPlanner.Plan(s.At(after, s.Now));

        Assert.False(second.HasMutation,
            $"first [{ScenarioText.Describe(first)}] then [{ScenarioText.Describe(second)}]");
    }

    [Property]
    public void Plan_KeyDeactivatedInRun_NotDeletedBeforeRecoveryWindowEnds(LaterScenario l)
    {
        var s = l.Scenario;
        var first = RotationPlanner.Plan(s.Input);
        var deactivated = first.Actions.Where(a => a.Action == ActionKind.DeactivateKey).Select(a => a.AccessKeyId).ToHashSet();
        var (after, _) = PlanApplier.Apply(s.User, first, s.Now);
        var later = s.Now + (TimeSpan.FromDays(first.EffectivePolicy.EffectiveRecoveryDays) * l.FractionOfRecovery);

        var second = RotationPlanner.Plan(s.At(after, later));

        Assert.DoesNotContain(second.Actions, a => a.Action == ActionKind.DeleteKey && deactivated.Contains(a.AccessKeyId));
    }

    [Property]
    public void Plan_SameInput_SamePlan(Scenario s)
    {
        var plan = RotationPlanner.Plan(s.Input);
        var again = RotationPlanner.Plan(s.Input);

        Assert.Equal(plan.EffectivePolicy, again.EffectivePolicy);
        Assert.Equal(plan.Actions, again.Actions);
    }

    [Property]
    public void Plan_KeysAndTagsListedInOtherOrder_SamePlan(Scenario s)
    {
        var reordered = s with
        {
            Keys = s.Keys.Reverse().ToList(),
            UserTags = s.UserTags.Reverse().ToDictionary(),
            AccountTags = s.AccountTags.Reverse().ToDictionary(),
        };

        Assert.Equal(RotationPlanner.Plan(s.Input).Actions, RotationPlanner.Plan(reordered.Input).Actions);
    }

    [Property]
    public void Plan_AnyScenario_NotesFirstThenDeletesCreateDeactivations(Scenario s)
    {
        static int Rank(PlannedAction a) => a switch
        {
            { AccessKeyId: null, Action: ActionKind.Warn or ActionKind.Skip } => 0,
            { Action: ActionKind.DeleteKey } => 1,
            { Action: ActionKind.CreateKey or ActionKind.Blocked } => 2,
            _ => 3,
        };

        var ranks = RotationPlanner.Plan(s.Input).Actions.Select(Rank).ToList();

        Assert.Equal(ranks.Order(), ranks);
    }

    [Property]
    public void Plan_KeyActions_CarryAgeAndLastUse(Scenario s)
    {
        foreach (var action in RotationPlanner.Plan(s.Input).Actions.Where(a => a.AccessKeyId is not null))
        {
            var key = Assert.Single(s.Keys, k => k.AccessKeyId == action.AccessKeyId);
            Assert.Equal(DaysSince(key.CreatedAt, s.Now), action.KeyAgeDays);
            Assert.Equal(key.LastUsedAt, action.LastUsedAt);
        }
    }

    [Property]
    public void Plan_RotationAttempted_OnlyWhenNewestActiveKeyIsDue(Scenario s)
    {
        var plan = RotationPlanner.Plan(s.Input);
        if (plan.Actions is [{ Reason: ReasonCode.Exempt }])
        {
            return;
        }

        var newestActive = s.Keys.Where(k => k.Status == AccessKeyStatus.Active).MaxBy(k => k.CreatedAt);
        var due = newestActive is not null && DaysSince(newestActive.CreatedAt, s.Now) >= plan.EffectivePolicy.RotateAfterDays;
        var attempts = plan.Actions.Count(a => a.Action is ActionKind.CreateKey or ActionKind.Blocked);

        Assert.Equal(due ? 1 : 0, attempts);
    }

    [Property(MaxTest = 60)]
    public void Plan_DailyRunsForOverAYear_InvariantsHoldEveryDay(Scenario s, int seed)
    {
        var random = new Random(seed);
        var usesKeys = random.Next(3) > 0;
        var user = s.User;
        for (var day = 0; day < 400; day++)
        {
            var now = s.Now.AddDays(day).AddMinutes(random.Next(-90, 90));
            if (usesKeys && user.AccessKeys.LastOrDefault(k => k.Status == AccessKeyStatus.Active) is { } inUse)
            {
                // The owner uses the newest active key, so the old one goes idle after a rotation.
                user = user with { AccessKeys = user.AccessKeys.Select(k => k == inUse ? k with { LastUsedAt = now } : k).ToList() };
            }

            var plan = RotationPlanner.Plan(s.At(user, now));
            var (after, most) = PlanApplier.Apply(user, plan, now);
            var replan = RotationPlanner.Plan(s.At(after, now));

            Assert.True(most <= 2, $"day {day}: {most} keys");
            Assert.False(replan.HasMutation, $"day {day}: [{ScenarioText.Describe(plan)}] then [{ScenarioText.Describe(replan)}]");
            user = after;
        }
    }
}
