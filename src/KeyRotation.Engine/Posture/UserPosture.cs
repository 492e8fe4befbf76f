namespace KeyRotation.Engine.Posture;

/// <summary>One user as the report counts it.</summary>
/// <param name="ExemptUntil">Set when the user is exempt now: the last exempt day, or null for an exemption without end.</param>
/// <param name="RotationDue">The planner would create a key for this user now.</param>
/// <param name="BlockedByKeyLimit">Rotation is due but both key slots are held (the planner's Blocked/KeyLimit).</param>
internal sealed record UserPosture(
    string UserName,
    IReadOnlyList<KeyPosture> Keys,
    bool Exempt,
    DateOnly? ExemptUntil,
    bool RotationDue,
    bool BlockedByKeyLimit)
{
    /// <summary>Set by the survey when a secret of the user's name exists that this tool did not create.</summary>
    public bool BlockedBySecretNameTaken { get; init; }
}
