using KeyRotation.Engine.Resilience.Breakers;
using KeyRotation.Engine.Resilience.RateLimits;
using KeyRotation.Engine.Resilience.Retry;

namespace KeyRotation.Engine.Resilience;

/// <summary>How the ports are made resilient; every part has working defaults.</summary>
public sealed record ResilienceOptions
{
    public static ResilienceOptions Default { get; } = new();

    /// <summary>Default <see cref="RetryOptions"/>() (6 retries, 200 ms base, 20 s cap).</summary>
    public RetryOptions Retry { get; init; } = new();

    /// <summary>Default <see cref="RateLimitOptions"/>() (IAM 20 requests/s per account, Organizations 2/s, STS 500/s).</summary>
    public RateLimitOptions RateLimits { get; init; } = new();

    /// <summary>Default <see cref="BreakerOptions"/>() (give an account up after 5 consecutive failures).</summary>
    public BreakerOptions Breaker { get; init; } = new();

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first bad field.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Retry, nameof(Retry));
        ArgumentNullException.ThrowIfNull(RateLimits, nameof(RateLimits));
        ArgumentNullException.ThrowIfNull(Breaker, nameof(Breaker));
        Retry.Validate();
        RateLimits.Validate();
        Breaker.Validate();
    }
}
