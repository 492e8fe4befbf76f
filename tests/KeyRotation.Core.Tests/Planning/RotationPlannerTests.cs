using KeyRotation.Core.Facts;
using KeyRotation.Core.Planning;
using KeyRotation.Core.Policy;
using KeyRotation.Core.Tags;
using KeyRotation.Core.Tests.Support;

namespace KeyRotation.Core.Tests.Planning;

/// <summary>What the table does not show: details, key facts on actions, the effective policy, ordering and errors.</summary>
public sealed class RotationPlannerTests
{
    private static UserPlan Plan(string keys, string tags = "", string policy = "") =>
        RotationPlanner.Plan(ScenarioText.Input(policy, tags, keys));

    [Fact]
    public void Plan_NewestActiveKeyPastRotateAge_CreatesKeyNamingReplacedKey()
    {
        var plan = Plan("A Inactive age=100; B Active age=170 used=1");

        var create = Assert.Single(plan.Actions, a => a.Action == ActionKind.CreateKey);
        Assert.Null(create.AccessKeyId);
        Assert.Equal("replaces B", create.Detail);
        Assert.Equal("alice", create.UserName);
    }

    [Fact]
    public void Plan_KeyAction_CarriesAgeAndLastUse()
    {
        var plan = Plan("A Active age=190.5 used=30.25; B Active age=5 used=1");

        var deactivate = Assert.Single(plan.Actions);
        Assert.Equal(190, deactivate.KeyAgeDays);
        Assert.Equal(TestClock.DaysAgo(30.25), deactivate.LastUsedAt);
        Assert.Contains("190 days old", deactivate.Detail);
        Assert.Contains("last used 30 days ago", deactivate.Detail);
    }

    [Fact]
    public void Plan_DeleteAction_CarriesAgeAndNeverUsed()
    {
        var delete = Assert.Single(Plan("A Inactive age=200").Actions);

        Assert.Equal(200, delete.KeyAgeDays);
        Assert.Null(delete.LastUsedAt);
        Assert.Equal("inactive and 200 days old (delete at 185)", delete.Detail);
    }

    [Fact]
    public void Plan_KeyLimit_DetailNamesKeysAndWhyNoneMayGo()
    {
        var blocked = Assert.Single(Plan("A Inactive age=100 tool=1; B Active age=170 used=1").Actions);

        Assert.Null(blocked.AccessKeyId);
        Assert.Contains("B is 170 days old (rotate at 165)", blocked.Detail);
        Assert.Contains("A (inactive, deactivated by this tool 1 days ago and kept restorable for 5 days)", blocked.Detail);
        Assert.Contains("B (active)", blocked.Detail);
    }

    [Fact]
    public void Plan_StillInUse_DetailTellsOwnerToMoveAndNamesDeadline()
    {
        var warn = Assert.Single(Plan("A Active age=190 used=2; B Active age=5 used=1", policy: "force=365").Actions);

        Assert.Equal("A", warn.AccessKeyId);
        Assert.Contains("move to the newer key", warn.Detail);
        Assert.Contains("forced deactivation at 365 days", warn.Detail);
    }

    [Fact]
    public void Plan_RejectedOverride_DetailNamesTagValueAndReason()
    {
        var warn = Plan("A Active age=1", "user:rotate-after-days=soon").Actions[0];

        Assert.Equal((ActionKind.Warn, ReasonCode.OverrideRejected), (warn.Action, warn.Reason));
        Assert.Equal("user tag key-rotation:rotate-after-days='soon' ignored: not a whole number of days", warn.Detail);
    }

    [Fact]
    public void Plan_OverrideBreakingValidation_DetailQuotesTheBrokenRule()
    {
        var warn = Plan("A Active age=1", "account:rotate-after-days=180").Actions[0];

        Assert.StartsWith("account tag key-rotation:rotate-after-days='180' ignored: it would make the policy invalid", warn.Detail);
        Assert.Contains("RotateAfterDays (180) must be less than DeactivateAfterDays (180)", warn.Detail);
    }

    [Fact]
    public void Plan_UnreadableExemptTag_DetailNamesTagAndValue()
    {
        var warn = Plan("A Active age=1", "user:exempt=forever").Actions[0];

        Assert.Equal(ReasonCode.OverrideRejected, warn.Reason);
        Assert.Contains("key-rotation:exempt='forever'", warn.Detail);
        Assert.Contains("not exempt", warn.Detail);
    }

    [Fact]
    public void Plan_ExpiredExemption_DetailNamesDate()
    {
        var warn = Plan("A Active age=1", "user:exempt=until:2026-11-28").Actions[0];

        Assert.Equal(ReasonCode.ExemptionExpired, warn.Reason);
        Assert.Contains("2026-11-28", warn.Detail);
    }

    [Fact]
    public void Plan_ExemptUser_SingleSkipNamingUntilDate()
    {
        var skip = Assert.Single(Plan("A Inactive age=400", "user:exempt=until:2027-01-31").Actions);

        Assert.Equal((ActionKind.Skip, ReasonCode.Exempt), (skip.Action, skip.Reason));
        Assert.Null(skip.AccessKeyId);
        Assert.Contains("until 2027-01-31", skip.Detail);
    }

    [Fact]
    public void Plan_Overrides_ReportedAsEffectivePolicy()
    {
        var plan = Plan("", "account:rotate-after-days=90 account:idle-days=3 user:idle-days=20");

        Assert.Equal(RotationPolicy.Default with { RotateAfterDays = 90, IdleDays = 20 }, plan.EffectivePolicy);
    }

    [Fact]
    public void Plan_CustomTagPrefix_ReadsOnlyThatPrefix()
    {
        var user = new UserFacts("bob",
            new Dictionary<string, string> { ["acme/exempt"] = "true", ["key-rotation:rotate-after-days"] = "x" },
            ScenarioText.Keys("A Active age=170"));
        var input = new PlanningInput(user, new Dictionary<string, string>(), RotationPolicy.Default, new TagConventions("acme/"), TestClock.Now);

        var skip = Assert.Single(RotationPlanner.Plan(input).Actions);

        Assert.Equal(ReasonCode.Exempt, skip.Reason);
    }

    [Fact]
    public void Plan_KeysListedInAnyOrder_SamePlan()
    {
        var forward = Plan("A Inactive age=100; B Active age=200; C Inactive age=190");
        var backward = Plan("C Inactive age=190; B Active age=200; A Inactive age=100");

        Assert.Equal(forward.Actions, backward.Actions);
    }

    [Fact]
    public void Plan_KeysCreatedSameInstant_TieBrokenById()
    {
        var plan = Plan("B Active age=200; A Active age=200");

        Assert.Equal("Blocked/KeyLimit; DeactivateKey/NeverUsed A; DeactivateKey/NeverUsed B", ScenarioText.Describe(plan));
    }

    [Fact]
    public void Plan_NowWithNonUtcOffset_SameAsUtc()
    {
        var keys = "A Active age=200 used=50";
        var utc = RotationPlanner.Plan(ScenarioText.Input("", "user:exempt=until:2026-11-29", keys));
        var local = RotationPlanner.Plan(ScenarioText.Input("", "user:exempt=until:2026-11-29", keys,
            TestClock.Now.ToOffset(TimeSpan.FromHours(14))));

        Assert.Equal(utc.Actions, local.Actions);
    }

    [Fact]
    public void Plan_InvalidGlobalPolicy_ThrowsNamingFieldAndValue()
    {
        var input = ScenarioText.Input("idle=-3", "", "");

        var error = Assert.Throws<ArgumentException>(() => RotationPlanner.Plan(input));

        Assert.Contains("IdleDays must be 0 or more (got -3)", error.Message);
    }
}
