using KeyRotation.Aws;
using KeyRotation.Aws.Configuration;
using KeyRotation.Engine.Composition;
using KeyRotation.Engine.Discovery;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Resilience;
using KeyRotation.Simulation.Faults;
using KeyRotation.Simulation.Model;
using KeyRotation.Simulation.Ports;
using KeyRotation.Testing.AwsStub;
using KeyRotation.Aws.Variables;
using KeyRotation.Engine.Resilience.RateLimits;
using KeyRotation.Engine.Resilience.Retry;

namespace KeyRotation.Cli.Tests.Composition;

/// <summary>
/// The one composition root over two worlds: the simulation's operations and the real AWS clients against the stub
/// cloud. The same options give the same pipeline: an IAM operation is attempted 1 + MaxRetryAttempts times, and
/// each IAM request takes one token of its account's bucket, whatever the world.
/// </summary>
public sealed class EngineCompositionTests
{
    private const string Account = SmallOrganization.Web;

    private static EngineOptions Options(int maxRetries, double iamPerSecond = 10_000) => new()
    {
        Discovery = new DiscoverySettings { Mode = DiscoveryMode.PerKey },
        Resilience = new ResilienceOptions
        {
            Retry = new RetryOptions { MaxRetryAttempts = maxRetries, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(1) },
            RateLimits = new RateLimitOptions { IamRequestsPerSecondPerAccount = iamPerSecond, IamBurstPerAccount = 1 },
        },
    };

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public async Task Compose_IamOperationAlwaysThrottled_AttemptedOncePlusMaxRetriesInEitherWorld(int maxRetries)
    {
        var simulated = new SimulatedSide(new FaultRule { Service = OperationNames.Iam, Operation = "ListUsers", Kind = FailureKind.Throttling });
        using var aws = new AwsSide(request => request.SigningService == "iam" && request.Action == "ListUsers"
            ? FakeAwsCloud.QueryError("iam", 400, "Throttling", "Rate exceeded")
            : null);

        foreach (var (world, requests) in new (WorldPorts, Func<long>)[]
                 {
                     (simulated.World.Ports, () => simulated.World.Gate.CallsTo("ListUsers")),
                     (aws.Ports, () => aws.Requests("ListUsers")),
                 })
        {
            var services = EngineComposition.Compose(world, Options(maxRetries), world.Time, new Random(1), new VirtualWaits(world.Time));
            var session = await services.AccountAccess.OpenAsync(Account, CancellationToken.None);

            var error = await Assert.ThrowsAsync<ServiceException>(() => session.Identity.DiscoverUsersAsync(CancellationToken.None));

            Assert.Equal(FailureKind.Throttling, error.Kind);
            Assert.Equal(1 + maxRetries, requests());
            Assert.Equal(maxRetries, services.Retries!.Count);
        }
    }

    [Fact]
    public async Task Compose_IamPacedAtOnePerSecond_EachRequestWaitsForOneTokenInEitherWorld()
    {
        var simulated = new SimulatedSide();
        using var aws = new AwsSide();

        foreach (var (world, requests) in new (WorldPorts, Func<long>)[]
                 {
                     (simulated.World.Ports, () => simulated.World.Gate.CallsByOperation
                         .Where(c => c.Key is not OperationNames.AssumeRole).Sum(c => c.Value)),
                     (aws.Ports, () => aws.Requests()),
                 })
        {
            var waits = new VirtualWaits(world.Time);
            var services = EngineComposition.Compose(world, Options(maxRetries: 0, iamPerSecond: 1), world.Time, new Random(1), waits);
            var session = await services.AccountAccess.OpenAsync(Account, CancellationToken.None);

            await session.Identity.DiscoverUsersAsync(CancellationToken.None);

            // A burst of one: the first request is free, each later one waits a second. Paced twice, each would wait two.
            Assert.True(requests() > 2, $"too few IAM requests to tell: {requests()}");
            Assert.Equal(TimeSpan.FromSeconds(requests() - 1), waits.Waited);
        }
    }

    /// <summary>One account (Web's users of the stub organization, as simulated users) in the simulation.</summary>
    private sealed class SimulatedSide
    {
        public SimulatedSide(params FaultRule[] faults)
        {
            var account = new SimulatedAccount { Id = Account, Name = "Web" };
            foreach (var name in new[] { "alice", "bob", "carol" })
            {
                var user = new SimulatedUser { Name = name };
                user.AccessKeys.Add(new SimulatedAccessKey
                {
                    Id = $"AKIA{name.ToUpperInvariant()}EXAMPLE".PadRight(20, '0')[..20],
                    Status = Core.Facts.AccessKeyStatus.Active,
                    CreatedAt = SmallOrganization.Start.AddDays(-100),
                });
                account.Users.Add(user);
            }

            var organization = new SimulatedOrganization();
            organization.Accounts.Add(account);
            World = new SimulatedWorld(organization, new FixedClock(SmallOrganization.Start), seed: 1, [new RuleBasedFaultSource(faults)]);
        }

        public SimulatedWorld World { get; }
    }

    /// <summary>The real clients (IAM, STS, Organizations, SNS) against the stub cloud, on a fake clock.</summary>
    private sealed class AwsSide : IDisposable
    {
        private readonly FakeAwsCloud cloud;
        private readonly AwsAdapters adapters;

        public AwsSide(Func<StubRequest, StubResponse?>? fault = null)
        {
            var time = new FixedClock(SmallOrganization.Start);
            cloud = SmallOrganization.Create(time);
            cloud.Fault = fault;
            adapters = AwsAdapters.Create(new AwsSettings { RunId = "run-1", Region = "eu-west-1" }, time,
                new DictionaryEnvironmentVariables(new Dictionary<string, string>()), TestCredentials.Central, new RecordingHandler(cloud.Handle));
            Ports = adapters.Ports(new Running.NoAuditTable());
        }

        public WorldPorts Ports { get; }

        public long Requests(string? action = null) =>
            cloud.Requests.Count(r => r.SigningService == "iam" && (action is null || r.Action == action));

        public void Dispose() => adapters.Dispose();
    }

    /// <summary>A clock that stays where it is put.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>Waits that end at once and add up what was asked; timestamps move on by each wait, as a clock would.</summary>
    private sealed class VirtualWaits(TimeProvider world) : TimeProvider
    {
        private long elapsedTicks;

        public TimeSpan Waited => TimeSpan.FromTicks(Interlocked.Read(ref elapsedTicks));

        public override DateTimeOffset GetUtcNow() => world.GetUtcNow() + Waited;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref elapsedTicks);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
            {
                Interlocked.Add(ref elapsedTicks, dueTime.Ticks);
            }

            var timer = new Timer(callback, state, Timeout.Infinite, Timeout.Infinite);
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                timer.Change(0, Timeout.Infinite);
            }

            return timer;
        }
    }
}
