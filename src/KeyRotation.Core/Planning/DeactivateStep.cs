namespace KeyRotation.Core.Planning;

/// <summary>Step 3: Active keys past DeactivateAfterDays are deactivated once idle, or at the forced deadline.</summary>
internal static class DeactivateStep
{
    /// <param name="keys">The user's keys as discovered (so never one created in this run), oldest first.</param>
    public static IEnumerable<PlannedAction> Plan(IReadOnlyList<KeyState> keys, PlanContext ctx)
    {
        var policy = ctx.Policy;
        foreach (var key in keys.Where(k => k.IsActive && k.AgeDays >= policy.DeactivateAfterDays))
        {
            var age = $"{key.AgeDays} days old (deactivate at {policy.DeactivateAfterDays})";
            if (key.DaysSinceLastUse is not { } sinceUse)
            {
                yield return ctx.OnKey(ActionKind.DeactivateKey, ReasonCode.NeverUsed, key, $"{age} and never used");
            }
            else if (key.IsIdle(policy))
            {
                yield return ctx.OnKey(ActionKind.DeactivateKey, ReasonCode.PastDeactivateAgeAndIdle, key,
                    $"{age} and last used {sinceUse} days ago (idle after {policy.IdleDays})");
            }
            else if (policy.ForceDeactivateAfterDays is { } force && key.AgeDays >= force)
            {
                yield return ctx.OnKey(ActionKind.DeactivateKey, ReasonCode.ForcedDeadline, key,
                    $"{key.AgeDays} days old, past the forced deadline of {force} days, although last used {sinceUse} days ago");
            }
            else
            {
                var deadline = policy.ForceDeactivateAfterDays is { } f ? $"; forced deactivation at {f} days" : "";
                yield return ctx.OnKey(ActionKind.Warn, ReasonCode.StillInUse, key,
                    $"{age} but last used {sinceUse} days ago; move to the newer key: this one is deactivated once "
                    + $"idle for {policy.IdleDays} days{deadline}");
            }
        }
    }
}
