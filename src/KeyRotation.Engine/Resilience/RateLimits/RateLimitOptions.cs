namespace KeyRotation.Engine.Resilience.RateLimits;

/// <summary>
/// Client-side token buckets that make calls wait for a token instead of being throttled by AWS.
/// IAM meters each account with token buckets refilled every second that cannot be raised and are shared with every
/// other caller in the account, and AWS publishes no rate for them; Organizations meters the whole organization
/// (served from us-east-1), also unpublished. STS is documented: 600 requests per second per account and Region,
/// shared by every STS caller of the account. Throttling that still happens is retried.
/// </summary>
public sealed record RateLimitOptions
{
    /// <summary>
    /// IAM requests per second, per member account. Default 20. Each IAM operation attempt (one request, retries
    /// included) takes a token.
    /// </summary>
    public double IamRequestsPerSecondPerAccount { get; init; } = 20;

    /// <summary>IAM requests one account may make at once after being idle. Default 20.</summary>
    public int IamBurstPerAccount { get; init; } = 20;

    /// <summary>Organizations requests per second, for the whole organization. Default 2.</summary>
    public double OrganizationsRequestsPerSecond { get; init; } = 2;

    /// <summary>Organizations requests made at once after being idle. Default 2.</summary>
    public int OrganizationsBurst { get; init; } = 2;

    /// <summary>
    /// Whether the Organizations bucket holds its burst when the run starts (default true) or starts empty, so that
    /// even the first request waits its turn (<see cref="OrganizationsShareOf"/>).
    /// </summary>
    public bool OrganizationsStartsFull { get; init; } = true;

    /// <summary>
    /// The pacing of one of <paramref name="concurrentRuns"/> fan-out invocations that run at once and share the
    /// organization's Organizations rate: a 1/<paramref name="concurrentRuns"/> share of it, a burst of one, and a
    /// bucket that starts empty. Each invocation has its own bucket and no two invocations of one execution
    /// environment overlap, so an invocation's n requests span at least n / share seconds and all of them together
    /// never exceed the rate, however Lambda reuses its environments.
    /// </summary>
    public RateLimitOptions OrganizationsShareOf(int concurrentRuns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrentRuns, 1);
        return this with
        {
            OrganizationsRequestsPerSecond = OrganizationsRequestsPerSecond / concurrentRuns,
            OrganizationsBurst = 1,
            OrganizationsStartsFull = false,
        };
    }

    /// <summary>
    /// STS AssumeRole requests per second, for the whole run (STS meters the calling account). Without it a sweep
    /// that starts a thousand accounts at once meets a wall of throttling, and accounts whose AssumeRole outlasts
    /// the retries fail. Default 500: a sixth under STS's documented 600 per second, left to the account's other callers.
    /// </summary>
    public double StsRequestsPerSecond { get; init; } = 500;

    /// <summary>STS requests made at once after being idle. Default 500.</summary>
    public int StsBurst { get; init; } = 500;

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
