namespace KeyRotation.Engine.Resilience;

/// <summary>
/// Client-side token buckets that make calls wait for a token instead of being throttled by AWS.
/// AWS publishes no numbers for these control-plane APIs: IAM meters each account with token buckets refilled every
/// second that cannot be raised and are shared with every other caller in the account; Organizations meters the
/// whole organization (served from us-east-1). The defaults stay well below the point where throttling is commonly
/// seen, leaving headroom for other tools; throttling that still happens is retried.
/// </summary>
public sealed record RateLimitOptions
{
    /// <summary>IAM requests per second, per member account. Default 10.</summary>
    public double IamRequestsPerSecondPerAccount { get; init; } = 10;

    /// <summary>IAM requests one account may make at once after being idle. Default 10.</summary>
    public int IamBurstPerAccount { get; init; } = 10;

    /// <summary>Organizations requests per second, for the whole organization. Default 2.</summary>
    public double OrganizationsRequestsPerSecond { get; init; } = 2;

    /// <summary>Organizations requests made at once after being idle. Default 2.</summary>
    public int OrganizationsBurst { get; init; } = 2;

    internal void Validate()
    {
        Positive(IamRequestsPerSecondPerAccount, nameof(IamRequestsPerSecondPerAccount));
        Positive(OrganizationsRequestsPerSecond, nameof(OrganizationsRequestsPerSecond));
        if (IamBurstPerAccount < 1)
            throw new ArgumentOutOfRangeException(nameof(IamBurstPerAccount), IamBurstPerAccount, "RateLimits.IamBurstPerAccount must be at least 1.");
        if (OrganizationsBurst < 1)
            throw new ArgumentOutOfRangeException(nameof(OrganizationsBurst), OrganizationsBurst, "RateLimits.OrganizationsBurst must be at least 1.");
    }

    private static void Positive(double value, string name)
    {
        if (!double.IsFinite(value) || value <= 0)
            throw new ArgumentOutOfRangeException(name, value, $"RateLimits.{name} must be a positive number.");
    }
}
