using KeyRotation.Engine.Accounts;
using KeyRotation.Engine.Composition;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Sts;
using KeyRotation.Engine.Resilience.Breakers;
using KeyRotation.Engine.Resilience.RateLimits;
using KeyRotation.Engine.Resilience;
using KeyRotation.Engine.Runs;
using KeyRotation.Engine.Tests.Organization;
using Microsoft.Extensions.Time.Testing;

namespace KeyRotation.Engine.Tests.Resilience;

/// <summary>
/// The engine composed as a run composes it (<see cref="EngineComposition.Compose"/>) over operation-level fakes, on a
/// fake clock with a fixed jitter draw: what the tests exercise is the shipped pipeline around each operation.
/// </summary>
internal sealed class Harness
{
    /// <param name="auditLog">The audit store; default a <see cref="FakeAuditLog"/> on <see cref="Audit"/> with no events.</param>
    /// <param name="organizationsTurns">Shared Organizations turns; default none (the run's own bucket).</param>
    public Harness(ResilienceOptions? options = null, double jitter = 0, IAuditLog? auditLog = null, IOrganizationsTurns? organizationsTurns = null)
    {
        Options = options ?? ResilienceOptions.Default;
        Services = EngineComposition.Compose(
            new WorldPorts(Organizations, Sts, auditLog ?? new FakeAuditLog(Audit, []), Time) { Sns = new FakeSns(Notifications), TopicArn = "arn:aws:sns:us-east-1:111111111111:t", OrganizationsTurns = organizationsTurns },
            new EngineOptions { Resilience = Options }, Time, new FixedDraw(jitter));
    }

    public ResilienceOptions Options { get; }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.Parse("2025-01-01T00:00:00Z"));

    public FakeSts Sts { get; } = new();

    public FakeOrganizations Organizations { get; } = new();

    public CallScript Audit { get; } = new();

    public CallScript Notifications { get; } = new();

    public RotationServices Services { get; }

    public RetryTally Tally => Services.Retries!;

    public TimeSpan Advanced { get; private set; }

    /// <summary>The account's IAM and Secrets Manager operations as its session uses them: behind the run's pipelines.</summary>
    public Task<MemberAccountOperations> OpenAsync(string accountId, CancellationToken cancellationToken = default) =>
        ((MemberAccountAccess)Services.AccountAccess).AssumeAsync(accountId, cancellationToken);

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

    /// <summary>Every jitter draw the same.</summary>
    private sealed class FixedDraw(double draw) : Random
    {
        protected override double Sample() => draw;

        public override double NextDouble() => draw;
    }
}
