using KeyRotation.Core.Policy;
using KeyRotation.Core.Tags;

namespace KeyRotation.Core.Tests.Policy;

public sealed class PolicyResolverTests
{
    private static readonly TagConventions Tags = TagConventions.Default;

    private static Dictionary<string, string> T(params (string Name, string Value)[] tags) =>
        tags.ToDictionary(t => Tags.Prefix + t.Name, t => t.Value);

    private static ResolvedPolicy Resolve(Dictionary<string, string> account, Dictionary<string, string> user, RotationPolicy? global = null) =>
        PolicyResolver.Resolve(global ?? RotationPolicy.Default, account, user, Tags);

    [Fact]
    public void Resolve_NoOverrides_GlobalUnchanged()
    {
        var resolved = Resolve(T(), T(("owner", "team-a")));

        Assert.Same(RotationPolicy.Default, resolved.Effective);
        Assert.Empty(resolved.Rejections);
    }

    [Fact]
    public void Resolve_EveryOverride_AppliesUserOverAccount()
    {
        var account = T(("rotate-after-days", "80"), ("deactivate-after-days", "95"), ("delete-after-days", "120"), ("idle-days", "5"));
        var user = T(("rotate-after-days", "60"), ("idle-days", "7"));

        var resolved = Resolve(account, user);

        Assert.Equal(RotationPolicy.Default with { RotateAfterDays = 60, DeactivateAfterDays = 95, DeleteAfterDays = 120, IdleDays = 7 },
            resolved.Effective);
        Assert.Empty(resolved.Rejections);
    }

    [Fact]
    public void Resolve_OverridesKeepGlobalForceRecoveryAndDelivery()
    {
        var global = RotationPolicy.Default with { ForceDeactivateAfterDays = 400, RecoveryDays = 9, SecretDelivery = SecretDelivery.Notification };

        var resolved = Resolve(T(("rotate-after-days", "100")), T(), global);

        Assert.Equal(global with { RotateAfterDays = 100 }, resolved.Effective);
    }

    [Fact]
    public void Resolve_NotAnInteger_RejectedAloneOthersApply()
    {
        var resolved = Resolve(T(("rotate-after-days", "90"), ("idle-days", "ten")), T());

        Assert.Equal(90, resolved.Effective.RotateAfterDays);
        Assert.Equal(10, resolved.Effective.IdleDays);
        var rejection = Assert.Single(resolved.Rejections);
        Assert.Equal(new OverrideRejection("account", "key-rotation:idle-days", "ten", "not a whole number of days"), rejection);
    }

    [Fact]
    public void Resolve_LayerJointlyInvalid_WholeLayerRejectedNamingEachTag()
    {
        // Each is fine alone over the global policy; together deactivate 170 >= delete 160.
        var resolved = Resolve(T(("deactivate-after-days", "170"), ("delete-after-days", "160")), T());

        Assert.Same(RotationPolicy.Default, resolved.Effective);
        Assert.Equal(["key-rotation:deactivate-after-days", "key-rotation:delete-after-days"], resolved.Rejections.Select(r => r.TagKey));
        Assert.All(resolved.Rejections, r => Assert.Contains("DeactivateAfterDays (170) must be less than DeleteAfterDays (160)", r.Reason));
        Assert.All(resolved.Rejections, r => Assert.Contains("none of them applies", r.Reason));
    }

    [Fact]
    public void Resolve_LayerValidOnlyAsSet_Applies()
    {
        var resolved = Resolve(T(), T(("rotate-after-days", "300"), ("deactivate-after-days", "310"), ("delete-after-days", "320")));

        Assert.Equal((300, 310, 320), (resolved.Effective.RotateAfterDays, resolved.Effective.DeactivateAfterDays, resolved.Effective.DeleteAfterDays));
        Assert.Empty(resolved.Rejections);
    }

    [Fact]
    public void Resolve_UserLayerJudgedOnTopOfAccountLayer()
    {
        // user rotate 120 is valid over the global 180 deactivate but not over the account's 90.
        var resolved = Resolve(T(("rotate-after-days", "75"), ("deactivate-after-days", "90"), ("delete-after-days", "100")),
            T(("rotate-after-days", "120")));

        Assert.Equal(RotationPolicy.Cis with { IdleDays = 10 }, resolved.Effective);
        var rejection = Assert.Single(resolved.Rejections);
        Assert.Equal("user", rejection.Scope);
        Assert.Contains("RotateAfterDays (120) must be less than DeactivateAfterDays (90)", rejection.Reason);
    }

    [Fact]
    public void Resolve_AccountLayerRejected_UserLayerJudgedOnGlobal()
    {
        var resolved = Resolve(T(("idle-days", "-4")), T(("idle-days", "2")));

        Assert.Equal(2, resolved.Effective.IdleDays);
        Assert.Equal("account", Assert.Single(resolved.Rejections).Scope);
    }

    [Fact]
    public void Resolve_DeactivateBeyondGlobalForcedDeadline_Rejected()
    {
        var global = RotationPolicy.Default with { ForceDeactivateAfterDays = 182 };

        var resolved = Resolve(T(), T(("deactivate-after-days", "183")), global);

        Assert.Same(global, resolved.Effective);
        Assert.Contains("ForceDeactivateAfterDays (182) must be at least DeactivateAfterDays (183)", Assert.Single(resolved.Rejections).Reason);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("")]
    [InlineData("1e3")]
    [InlineData("0x10")]
    [InlineData("2147483648")]
    [InlineData("30 days")]
    public void Resolve_NonIntegerValue_Rejected(string value)
    {
        var resolved = Resolve(T(), T(("idle-days", value)));

        Assert.Equal(10, resolved.Effective.IdleDays);
        Assert.Equal("not a whole number of days", Assert.Single(resolved.Rejections).Reason);
    }

    [Fact]
    public void Resolve_TagsUnderOtherPrefix_Ignored()
    {
        var resolved = PolicyResolver.Resolve(RotationPolicy.Default, T(("idle-days", "x")), T(), new TagConventions("acme:"));

        Assert.Same(RotationPolicy.Default, resolved.Effective);
        Assert.Empty(resolved.Rejections);
    }

    [Fact]
    public void Describe_Rejection_NamesScopeTagValueAndReason()
    {
        var rejection = new OverrideRejection("user", "key-rotation:idle-days", "-1", "it would make the policy invalid: IdleDays must be 0 or more (got -1)");

        Assert.Equal("user tag key-rotation:idle-days='-1' ignored: it would make the policy invalid: IdleDays must be 0 or more (got -1)",
            rejection.Describe());
    }
}
