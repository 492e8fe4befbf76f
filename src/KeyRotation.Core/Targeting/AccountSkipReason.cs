namespace KeyRotation.Core.Targeting;

/// <summary>Why an account is not processed; names are the JSON report's account <c>reason</c> values.</summary>
public enum AccountSkipReason
{
    OptOut,
    NotActive,
    NotTargeted,
}
