namespace KeyRotation.Engine.Incidents;

/// <summary>Why an operator action did not start; the names are printed and returned as they are.</summary>
public enum IncidentRefusal
{
    /// <summary>The id is not an IAM user access key id (AKIA followed by 16 or more letters and digits).</summary>
    InvalidAccessKeyId,

    /// <summary>No user of the key's account holds it (deleted, mistyped, or never existed).</summary>
    KeyNotFound,

    /// <summary>The key's account is not a member of this organization.</summary>
    AccountOutsideOrganization,

    /// <summary>The member role could not be assumed in the key's account (not deployed, or its trust denies us).</summary>
    RoleNotDeployed,

    /// <summary>Restore: the audit trail shows no deactivation of the key by this tool (override: force).</summary>
    NotDeactivatedByTool,

    /// <summary>Restore: the key's recovery window has passed (override: force).</summary>
    OutsideRecoveryWindow,
}

/// <summary>An operator action stopped before changing anything, for a reason the operator can act on.</summary>
internal sealed class IncidentRefusedException(IncidentRefusal refusal, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public IncidentRefusal Refusal { get; } = refusal;
}
