namespace KeyRotation.Simulation.Cost;

/// <summary>Whose token bucket a call draws from.</summary>
public enum RateScope
{
    /// <summary>One bucket per account the call acts in (IAM and Secrets Manager meter each member account).</summary>
    PerAccount,

    /// <summary>
    /// One bucket for the whole run: Organizations meters the organization, and STS, SNS and the audit table are
    /// called from (and metered in) the central account whatever member account a call concerns.
    /// </summary>
    Shared,
}
