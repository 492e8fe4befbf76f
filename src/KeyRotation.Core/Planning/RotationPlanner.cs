namespace KeyRotation.Core.Planning;

/// <summary>The pure decision function of ROTATION-POLICY.md: one user's facts in, ordered actions out.</summary>
public static class RotationPlanner
{
    public static UserPlan Plan(PlanningInput input) =>
        throw new NotImplementedException("planner pending (branch core)");
}
