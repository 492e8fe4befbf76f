namespace KeyRotation.Core.Policy;

/// <summary>
/// The thresholds the planner applies. Defaults are the reference design's; see ROTATION-POLICY.md.
/// </summary>
public sealed record RotationPolicy
{
    public const int DefaultRotateAfterDays = 165;
    public const int DefaultDeactivateAfterDays = 180;
    public const int DefaultDeleteAfterDays = 185;
    public const int DefaultIdleDays = 10;

    /// <summary>A user whose newest Active key is at least this old gets a new key. Default 165.</summary>
    public int RotateAfterDays { get; init; } = DefaultRotateAfterDays;

    /// <summary>An Active key at least this old is deactivated once idle. Default 180.</summary>
    public int DeactivateAfterDays { get; init; } = DefaultDeactivateAfterDays;

    /// <summary>An Inactive key at least this old is deleted. Default 185.</summary>
    public int DeleteAfterDays { get; init; } = DefaultDeleteAfterDays;

    /// <summary>A key never used, or last used at least this many days ago, is idle. Default 10.</summary>
    public int IdleDays { get; init; } = DefaultIdleDays;

    /// <summary>Optional hard deadline: deactivate even a key in use. Default unset.</summary>
    public int? ForceDeactivateAfterDays { get; init; }

    /// <summary>Days a key this tool deactivated stays restorable. Default unset, meaning DeleteAfterDays - DeactivateAfterDays.</summary>
    public int? RecoveryDays { get; init; }

    /// <summary>Where new secrets go. Default <see cref="SecretDelivery.SecretsManager"/>.</summary>
    public SecretDelivery SecretDelivery { get; init; } = SecretDelivery.SecretsManager;

    public int EffectiveRecoveryDays => RecoveryDays ?? DeleteAfterDays - DeactivateAfterDays;

    /// <summary>The reference design's thresholds: 165 / 180 / 185, idle 10.</summary>
    public static RotationPolicy Default { get; } = new();

    /// <summary>CIS-aligned: 75 / 90 / 100, idle 45.</summary>
    public static RotationPolicy Cis { get; } = new()
    {
        RotateAfterDays = 75,
        DeactivateAfterDays = 90,
        DeleteAfterDays = 100,
        IdleDays = 45,
    };

    /// <summary>Every rule this policy breaks, each naming the field and its value; empty when valid.</summary>
    public IReadOnlyList<string> Validate() => PolicyValidation.Problems(this);
}
