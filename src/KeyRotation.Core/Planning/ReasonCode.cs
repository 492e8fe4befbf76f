namespace KeyRotation.Core.Planning;

/// <summary>Why an action was planned or taken; the names are the JSON report's <c>reason</c> values.</summary>
public enum ReasonCode
{
    RotationDue,
    SlotNeededForRotation,
    InactivePastDeleteAge,
    PastDeactivateAgeAndIdle,
    NeverUsed,
    ForcedDeadline,
    StillInUse,
    KeyLimit,
    Exempt,
    ExemptionExpired,
    RotationRolledBack,
    SecretSentInNotification,
    OverrideRejected,
    SecretNameTaken,
}
