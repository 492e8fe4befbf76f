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
    /// <summary>
    /// IAM port calls per second, per member account. Default 10. One token per call, not per HTTP request: a live
    /// re-read of a user is 3 or more requests, so while users are re-read an account sees about 20 requests a second.
    /// </summary>
    public double IamRequestsPerSecondPerAccount { get; init; } = 10;

    /// <summary>IAM port calls one account may make at once after being idle. Default 10.</summary>
    public int IamBurstPerAccount { get; init; } = 10;

    /// <summary>Organizations requests per second, for the whole organization. Default 2.</summary>
    public double OrganizationsRequestsPerSecond { get; init; } = 2;

    /// <summary>Organizations requests made at once after being idle. Default 2.</summary>
    public int OrganizationsBurst { get; init; } = 2;

    /// <summary>
    /// STS AssumeRole requests per second, for the whole run (STS meters the calling account). Without it a sweep
    /// that starts hundreds of accounts at once meets a wall of throttling, and accounts whose AssumeRole outlasts
    /// the retries fail. Default 50.
    /// </summary>
    public double StsRequestsPerSecond { get; init; } = 50;

    /// <summary>STS requests made at once after being idle. Default 50.</summary>
    public int StsBurst { get; init; } = 50;

    internal void Validate()
    {
        Positive(IamRequestsPerSecondPerAccount, nameof(IamRequestsPerSecondPerAccount));
        Positive(OrganizationsRequestsPerSecond, nameof(OrganizationsRequestsPerSecond));
        Positive(StsRequestsPerSecond, nameof(StsRequestsPerSecond));
        if (StsBurst < 1)
            throw new ArgumentOutOfRangeException(nameof(StsBurst), StsBurst, "RateLimits.StsBurst must be at least 1.");
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
