namespace KeyRotation.Core.Planning;

/// <summary>Step 2: a new key when the newest Active key is at least RotateAfterDays old, freeing a slot if needed.</summary>
internal static class RotateStep
{
    /// <summary>IAM allows two access keys per user.</summary>
    public const int KeyLimit = 2;

    /// <param name="remaining">The user's keys after step-1 deletions, oldest first.</param>
    public static IReadOnlyList<PlannedAction> Plan(IReadOnlyList<KeyState> remaining, PlanContext ctx)
    {
        // Keys are oldest first, so the last Active one is the newest; Inactive keys never trigger a rotation.
        var newest = remaining.LastOrDefault(k => k.IsActive);
        if (newest is null || newest.AgeDays < ctx.Policy.RotateAfterDays)
        {
            return [];
        }

        var due = $"newest active key {newest.Id} is {newest.AgeDays} days old (rotate at {ctx.Policy.RotateAfterDays})";
        var slotsNeeded = remaining.Count - (KeyLimit - 1);
        var freeable = remaining.Where(k => k.IsDeletable).ToList();
        if (slotsNeeded > 0 && freeable.Count < slotsNeeded)
        {
            return [ctx.OnUser(ActionKind.Blocked, ReasonCode.KeyLimit, BlockedDetail(remaining, due, ctx))];
        }

        var actions = freeable.Take(Math.Max(0, slotsNeeded))
            .Select(k => ctx.OnKey(ActionKind.DeleteKey, ReasonCode.SlotNeededForRotation, k,
                $"inactive key removed to make room for the replacement of {newest.Id}"))
            .ToList();
        actions.Add(ctx.OnUser(ActionKind.CreateKey, ReasonCode.RotationDue, $"replaces {newest.Id}"));
        return actions;
    }

    private static string BlockedDetail(IReadOnlyList<KeyState> remaining, string due, PlanContext ctx)
    {
        var held = remaining.Select(k => k.IsActive
            ? $"{k.Id} (active)"
            : $"{k.Id} (inactive, {RecoveryWindow.Describe(k, ctx.Policy, ctx.Now)})");
        return $"rotation due: {due}, but the user already holds {remaining.Count} keys and cannot free a slot: "
               + $"{string.Join(", ", held)}; no key was created";
    }
}
