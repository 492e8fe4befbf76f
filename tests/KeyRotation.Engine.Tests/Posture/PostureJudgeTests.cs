using KeyRotation.Core.Facts;
using KeyRotation.Core.Policy;
using KeyRotation.Engine.Posture;
using static KeyRotation.Engine.Tests.Support.Org;

namespace KeyRotation.Engine.Tests.Posture;

public sealed class PostureJudgeTests
{
    private static readonly AccountFacts Plain = new("222222222222", "dev", AccountState.Active, [], new Dictionary<string, string>());

    private static PostureOptions Options(RotationPolicy? policy = null) => new() { AsOf = Now, Policy = policy ?? RotationPolicy.Default };

    private static UserFacts User(string name, IReadOnlyDictionary<string, string>? tags, params AccessKeyFacts[] keys) =>
        new(name, tags ?? new Dictionary<string, string>(), keys);

    private static AccessKeyFacts Key(string id, int ageDays, int? lastUsedDaysAgo, AccessKeyStatus status = AccessKeyStatus.Active) =>
        new(id, status, Now.AddDays(-ageDays), lastUsedDaysAgo is { } used ? Now.AddDays(-used) : null);

    [Theory]
    [InlineData(0, AgeBand.UnderNinetyDays)]
    [InlineData(89, AgeBand.UnderNinetyDays)]
    [InlineData(90, AgeBand.NinetyDaysToRotate)]
    [InlineData(164, AgeBand.NinetyDaysToRotate)]
    [InlineData(165, AgeBand.RotateToDeactivate)]
    [InlineData(179, AgeBand.RotateToDeactivate)]
    [InlineData(180, AgeBand.PastDeactivate)]
    [InlineData(900, AgeBand.PastDeactivate)]
    public void Judge_ActiveKeyOfAge_FallsInItsBandUnderTheDefaultPolicy(int ageDays, AgeBand band)
    {
        var user = PostureJudge.Judge(User("alice", null, Key("AKIAEXAMPLEALICE0001", ageDays, 1)), Plain, Options());

        Assert.Equal(band, Assert.Single(user.Keys).Band);
    }

    [Fact]
    public void Judge_CisPolicyRotatingBeforeNinetyDays_KeyOfEightyDaysIsDueNotUnderNinety()
    {
        var user = PostureJudge.Judge(User("alice", null, Key("AKIAEXAMPLEALICE0001", 80, 1)), Plain, Options(RotationPolicy.Cis));

        var key = Assert.Single(user.Keys);
        Assert.Equal(AgeBand.RotateToDeactivate, key.Band);
        Assert.True(key.WithinNinetyDays);
        Assert.True(user.RotationDue);
    }

    [Fact]
    public void Judge_AccountAndUserOverrides_BandsAndWithinPolicyFollowTheEffectivePolicy()
    {
        var account = Plain with
        {
            Tags = new Dictionary<string, string> { ["key-rotation:rotate-after-days"] = "90", ["key-rotation:deactivate-after-days"] = "120" },
        };
        var user = PostureJudge.Judge(User("ivan", null, Key("AKIAEXAMPLEIVAN00001", 125, 0)), account, Options());

        var key = Assert.Single(user.Keys);
        Assert.Equal(AgeBand.PastDeactivate, key.Band);
        Assert.False(key.WithinPolicy);
    }

    [Fact]
    public void Judge_InactiveAndNeverUsedKeys_InactiveHasNoBandAndNeverUsedIsFlagged()
    {
        var user = PostureJudge.Judge(
            User("bob", null, Key("AKIAEXAMPLEBOB000001", 30, null), Key("AKIAEXAMPLEBOB000002", 40, 3, AccessKeyStatus.Inactive)), Plain, Options());

        Assert.Equal(AgeBand.UnderNinetyDays, user.Keys[0].Band);
        Assert.True(user.Keys[0].NeverUsed);
        Assert.Null(user.Keys[1].Band);
        Assert.False(user.Keys[1].WithinPolicy);
        Assert.False(user.Keys[1].WithinNinetyDays);
    }

    [Fact]
    public void Judge_ExemptUntilADate_ExemptWithThatDay()
    {
        var tags = new Dictionary<string, string> { ["key-rotation:exempt"] = "until:2027-01-31" };

        var user = PostureJudge.Judge(User("mia", tags, Key("AKIAEXAMPLEMIA000001", 300, 2)), Plain, Options());

        Assert.True(user.Exempt);
        Assert.Equal(new DateOnly(2027, 1, 31), user.ExemptUntil);
        Assert.False(user.RotationDue);
    }

    [Fact]
    public void Judge_ExemptWithoutEnd_ExemptWithNoDay()
    {
        var tags = new Dictionary<string, string> { ["key-rotation:exempt"] = "true" };

        var user = PostureJudge.Judge(User("frank", tags, Key("AKIAEXAMPLEFRANK0001", 300, 50)), Plain, Options());

        Assert.True(user.Exempt);
        Assert.Null(user.ExemptUntil);
    }

    [Fact]
    public void Judge_ExemptionExpired_NotExemptAndDue()
    {
        var tags = new Dictionary<string, string> { ["key-rotation:exempt"] = "until:2026-01-31" };

        var user = PostureJudge.Judge(User("mia", tags, Key("AKIAEXAMPLEMIA000001", 170, 2)), Plain, Options());

        Assert.False(user.Exempt);
        Assert.Null(user.ExemptUntil);
        Assert.True(user.RotationDue);
    }

    [Fact]
    public void Judge_TwoActiveKeysAndRotationDue_BlockedByKeyLimit()
    {
        var user = PostureJudge.Judge(
            User("judy", null, Key("AKIAEXAMPLEJUDY00001", 200, 1), Key("AKIAEXAMPLEJUDY00002", 170, 0)), Plain, Options());

        Assert.True(user.BlockedByKeyLimit);
        Assert.False(user.RotationDue);
    }

    [Fact]
    public void Judge_OneActiveAndOneDeletableInactive_NotBlocked()
    {
        var user = PostureJudge.Judge(
            User("olivia", null, Key("AKIAEXAMPLEOLIVIA001", 170, 0), Key("AKIAEXAMPLEOLIVIA002", 120, null, AccessKeyStatus.Inactive)),
            Plain, Options());

        Assert.False(user.BlockedByKeyLimit);
        Assert.True(user.RotationDue);
    }
}
