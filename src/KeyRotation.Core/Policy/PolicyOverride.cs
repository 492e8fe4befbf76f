using KeyRotation.Core.Tags;

namespace KeyRotation.Core.Policy;

/// <summary>One overridable threshold: the tag that carries it and how it changes a policy.</summary>
internal sealed record PolicyOverride(Func<TagConventions, string> TagKey, Func<RotationPolicy, int, RotationPolicy> Apply)
{
    /// <summary>Every override, in the fixed order they are read and reported.</summary>
    public static IReadOnlyList<PolicyOverride> All { get; } =
    [
        new(t => t.RotateAfterDays, (p, v) => p with { RotateAfterDays = v }),
        new(t => t.DeactivateAfterDays, (p, v) => p with { DeactivateAfterDays = v }),
        new(t => t.DeleteAfterDays, (p, v) => p with { DeleteAfterDays = v }),
        new(t => t.IdleDays, (p, v) => p with { IdleDays = v }),
    ];
}
