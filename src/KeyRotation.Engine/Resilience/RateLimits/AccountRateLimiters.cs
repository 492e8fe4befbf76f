using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace KeyRotation.Engine.Resilience.RateLimits;

/// <summary>One IAM token bucket per account, created on first use.</summary>
internal sealed class AccountRateLimiters(RateLimitOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, RateLimiter> limiters = new(StringComparer.Ordinal);

    public RateLimiter For(string accountId) =>
        limiters.GetOrAdd(accountId, _ => new TimeTokenBucket(options.IamRequestsPerSecondPerAccount, options.IamBurstPerAccount, time));
}
