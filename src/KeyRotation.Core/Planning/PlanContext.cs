using KeyRotation.Core.Policy;

namespace KeyRotation.Core.Planning;

/// <summary>What every planning step shares for one user.</summary>
internal sealed record PlanContext(string UserName, RotationPolicy Policy, DateTimeOffset Now)
{
    /// <summary>An action on an existing key, carrying its age and last use for the report and audit trail.</summary>
    public PlannedAction OnKey(ActionKind action, ReasonCode reason, KeyState key, string detail) =>
        new(action, reason, UserName, key.Id, detail, key.AgeDays, key.Facts.LastUsedAt);

    /// <summary>A note or decision about the user as a whole (no key).</summary>
    public PlannedAction OnUser(ActionKind action, ReasonCode reason, string detail) =>
        new(action, reason, UserName, null, detail);
}
