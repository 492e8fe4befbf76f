using KeyRotation.Engine.Resilience.Breakers;
using KeyRotation.Engine.Resilience.Pipelines;
using KeyRotation.Engine.Resilience.RateLimits;
using KeyRotation.Engine.Resilience;
using KeyRotation.Engine.Runs;
using Microsoft.Extensions.Time.Testing;

namespace KeyRotation.Engine.Tests.Resilience;

/// <summary>Builds <see cref="ResilientCalls"/> on a fake clock with a fixed jitter draw.</summary>
internal sealed class Harness
{
    public Harness(ResilienceOptions? options = null, double jitter = 0)
    {
        Options = options ?? ResilienceOptions.Default;
        Calls = ResilientServices.Calls(Options, Tally, Time, () => jitter);
    }

    public ResilienceOptions Options { get; }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.Parse("2025-01-01T00:00:00Z"));

    public RetryTally Tally { get; } = new();

    public ResilientCalls Calls { get; }

    public TimeSpan Advanced { get; private set; }

    /// <summary>A breaker of <paramref name="failures"/>, and IAM buckets big enough never to wait on the fake clock.</summary>
    public static ResilienceOptions WithBreaker(int failures) => new()
    {
        Breaker = new BreakerOptions { FailuresBeforeGivingUp = failures },
        RateLimits = new RateLimitOptions { IamBurstPerAccount = 1_000 },
    };

    /// <summary>
    /// Advances the fake clock in steps until the task completes, letting continuations run in between. Only the
    /// fake clock can release a backoff or a rate-limit wait, so <see cref="Advanced"/> is at least the time waited.
    /// </summary>
    public async Task DriveAsync(Task task, TimeSpan step)
    {
        for (var i = 0; i < 100_000 && !task.IsCompleted; i++)
        {
            Time.Advance(step);
            Advanced += step;
            await Task.Delay(1);
        }

        await task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>Waits (really) until a condition holds, for work that only needs thread-pool turns.</summary>
    public static async Task EventuallyAsync(Func<bool> condition)
    {
        for (var i = 0; i < 2_000 && !condition(); i++) await Task.Delay(5);
        Assert.True(condition(), "condition not reached");
    }
}
