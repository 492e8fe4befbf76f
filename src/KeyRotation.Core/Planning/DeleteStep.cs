namespace KeyRotation.Core.Planning;

/// <summary>Step 1: delete Inactive keys past DeleteAfterDays that are out of their recovery window.</summary>
internal static class DeleteStep
{
    public static IReadOnlyList<KeyState> Select(IReadOnlyList<KeyState> keys, PlanContext ctx) =>
        keys.Where(k => k.IsDeletable && k.AgeDays >= ctx.Policy.DeleteAfterDays).ToList();

    public static PlannedAction Action(KeyState key, PlanContext ctx) =>
        ctx.OnKey(ActionKind.DeleteKey, ReasonCode.InactivePastDeleteAge, key,
            $"inactive and {key.AgeDays} days old (delete at {ctx.Policy.DeleteAfterDays})");
}
