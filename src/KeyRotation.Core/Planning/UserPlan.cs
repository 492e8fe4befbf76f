using KeyRotation.Core.Policy;

namespace KeyRotation.Core.Planning;

/// <summary>The planner's answer for one user: the effective policy and the actions, in the order they must run.</summary>
public sealed record UserPlan(
    string UserName,
    RotationPolicy EffectivePolicy,
    IReadOnlyList<PlannedAction> Actions)
{
    public bool HasMutation => Actions.Any(a => a.IsMutation);
}
