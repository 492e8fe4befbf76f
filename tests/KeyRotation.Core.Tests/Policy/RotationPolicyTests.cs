using KeyRotation.Core.Policy;

namespace KeyRotation.Core.Tests.Policy;

public sealed class RotationPolicyTests
{
    [Fact]
    public void Ctor_Defaults_AreTheReferenceDesign()
    {
        var policy = new RotationPolicy();

        Assert.Equal(165, policy.RotateAfterDays);
        Assert.Equal(180, policy.DeactivateAfterDays);
        Assert.Equal(185, policy.DeleteAfterDays);
        Assert.Equal(10, policy.IdleDays);
        Assert.Null(policy.ForceDeactivateAfterDays);
        Assert.Null(policy.RecoveryDays);
        Assert.Equal(5, policy.EffectiveRecoveryDays);
        Assert.Equal(SecretDelivery.SecretsManager, policy.SecretDelivery);
        Assert.Equal(policy, RotationPolicy.Default);
        Assert.Empty(policy.Validate());
    }

    [Fact]
    public void Cis_Preset_Is75_90_100_Idle45()
    {
        var cis = RotationPolicy.Cis;

        Assert.Equal((75, 90, 100, 45), (cis.RotateAfterDays, cis.DeactivateAfterDays, cis.DeleteAfterDays, cis.IdleDays));
        Assert.Null(cis.ForceDeactivateAfterDays);
        Assert.Equal(10, cis.EffectiveRecoveryDays);
        Assert.Equal(SecretDelivery.SecretsManager, cis.SecretDelivery);
        Assert.Empty(cis.Validate());
    }

    [Fact]
    public void EffectiveRecoveryDays_Explicit_WinsOverDerived()
    {
        Assert.Equal(0, (RotationPolicy.Default with { RecoveryDays = 0 }).EffectiveRecoveryDays);
        Assert.Equal(40, (RotationPolicy.Default with { RecoveryDays = 40 }).EffectiveRecoveryDays);
    }

    public static TheoryData<string, RotationPolicy, string> InvalidPolicies => new()
    {
        { "rotate below 1", RotationPolicy.Default with { RotateAfterDays = 0 }, "RotateAfterDays must be at least 1 (got 0)" },
        { "rotate negative", RotationPolicy.Default with { RotateAfterDays = -5 }, "RotateAfterDays must be at least 1 (got -5)" },
        { "rotate equals deactivate", RotationPolicy.Default with { RotateAfterDays = 180 }, "RotateAfterDays (180) must be less than DeactivateAfterDays (180)" },
        { "rotate above deactivate", RotationPolicy.Default with { RotateAfterDays = 181 }, "RotateAfterDays (181) must be less than DeactivateAfterDays (180)" },
        { "deactivate equals delete", RotationPolicy.Default with { DeactivateAfterDays = 185 }, "DeactivateAfterDays (185) must be less than DeleteAfterDays (185)" },
        { "delete below deactivate", RotationPolicy.Default with { DeleteAfterDays = 170 }, "DeactivateAfterDays (180) must be less than DeleteAfterDays (170)" },
        { "idle negative", RotationPolicy.Default with { IdleDays = -1 }, "IdleDays must be 0 or more (got -1)" },
        { "recovery negative", RotationPolicy.Default with { RecoveryDays = -2 }, "RecoveryDays must be 0 or more (got -2)" },
        { "force before deactivate", RotationPolicy.Default with { ForceDeactivateAfterDays = 179 }, "ForceDeactivateAfterDays (179) must be at least DeactivateAfterDays (180)" },
        { "unknown delivery", RotationPolicy.Default with { SecretDelivery = (SecretDelivery)7 }, "SecretDelivery has an unknown value (7)" },
    };

    [Theory]
    [MemberData(nameof(InvalidPolicies))]
    public void Validate_BrokenRule_NamesFieldAndValue(string rule, RotationPolicy policy, string expected)
    {
        var problems = policy.Validate();

        Assert.True(problems.Contains(expected), $"{rule}: got [{string.Join(" | ", problems)}]");
    }

    [Fact]
    public void Validate_SeveralBrokenRules_ReportsEach()
    {
        var policy = new RotationPolicy { RotateAfterDays = 0, IdleDays = -1, RecoveryDays = -1 };

        Assert.Equal(3, policy.Validate().Count);
    }

    [Theory]
    [InlineData(1, 2, 3, 0, null, 0)]
    [InlineData(165, 180, 185, 10, 180, null)]
    [InlineData(75, 90, 100, 45, 365, 30)]
    public void Validate_BoundaryValidPolicy_NoProblems(int rotate, int deactivate, int delete, int idle, int? force, int? recovery)
    {
        var policy = new RotationPolicy
        {
            RotateAfterDays = rotate, DeactivateAfterDays = deactivate, DeleteAfterDays = delete, IdleDays = idle,
            ForceDeactivateAfterDays = force, RecoveryDays = recovery,
        };

        Assert.Empty(policy.Validate());
    }
}
