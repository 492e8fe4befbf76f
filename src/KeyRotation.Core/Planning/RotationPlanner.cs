using KeyRotation.Core.Policy;

namespace KeyRotation.Core.Planning;

/// <summary>The pure decision function of ROTATION-POLICY.md: one user's facts in, ordered actions out.</summary>
/// <remarks>
/// Actions come in execution order: user-level notes (exemption, rejected overrides), deletions, the new key (or
/// Blocked), then deactivations and in-use warnings. Keys are judged oldest first with the id breaking ties, so the
/// order in which discovery listed them never changes the plan.
/// </remarks>
public static class RotationPlanner
{
    /// <exception cref="ArgumentException">The global policy is invalid; it must be validated at start-up.</exception>
    public static UserPlan Plan(PlanningInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = input.GlobalPolicy.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"The global rotation policy is invalid: {string.Join("; ", problems)}", nameof(input));
        }

        var user = input.User;
        var resolved = PolicyResolver.Resolve(input.GlobalPolicy, input.AccountTags, user.Tags, input.Tags);
        var ctx = new PlanContext(user.UserName, resolved.Effective, input.Now);
        var exemption = ExemptionTag.Read(user.Tags, input.Tags, input.Now);
        if (exemption.State == ExemptionState.Exempt)
        {
            return new UserPlan(user.UserName, resolved.Effective,
                [ctx.OnUser(ActionKind.Skip, ReasonCode.Exempt, exemption.Detail)]);
        }

        var actions = new List<PlannedAction>();
        if (exemption.State == ExemptionState.Expired)
        {
            actions.Add(ctx.OnUser(ActionKind.Warn, ReasonCode.ExemptionExpired, exemption.Detail));
        }
        else if (exemption.State == ExemptionState.Unreadable)
        {
            actions.Add(ctx.OnUser(ActionKind.Warn, ReasonCode.OverrideRejected, exemption.Detail));
        }

        actions.AddRange(resolved.Rejections.Select(r => ctx.OnUser(ActionKind.Warn, ReasonCode.OverrideRejected, r.Describe())));

        var keys = user.AccessKeys.Select(k => KeyState.Of(k, ctx.Policy, ctx.Now)).ToList();
        keys.Sort(KeyState.CompareByAge);

        var deleted = DeleteStep.Select(keys, ctx);
        actions.AddRange(deleted.Select(k => DeleteStep.Action(k, ctx)));
        actions.AddRange(RotateStep.Plan(keys.Where(k => !deleted.Contains(k, ReferenceEqualityComparer.Instance)).ToList(), ctx));
        actions.AddRange(DeactivateStep.Plan(keys, ctx));
        return new UserPlan(user.UserName, ctx.Policy, actions);
    }
}
