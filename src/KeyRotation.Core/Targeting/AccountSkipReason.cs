namespace KeyRotation.Core.Targeting;

/// <summary>Why an account is not processed; names are the JSON report's account <c>reason</c> values.</summary>
public enum AccountSkipReason
{
    OptOut,
    NotActive,
    NotTargeted,

    /// <summary>The organization's management account refused the member role (a service-managed StackSet never deploys there).</summary>
    ManagementAccount,

    /// <summary>AssumeRole of the member role was refused in an account not asked for by id: taken as the role not deployed yet.</summary>
    RoleNotDeployed,
}
