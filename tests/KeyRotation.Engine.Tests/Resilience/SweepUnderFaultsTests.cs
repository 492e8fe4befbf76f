using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Composition;
using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Resilience.Breakers;
using KeyRotation.Engine.Resilience.RateLimits;
using KeyRotation.Engine.Resilience.Retry;
using KeyRotation.Engine.Resilience;
using KeyRotation.Engine.Runs;
using KeyRotation.Engine.Sweep;
using KeyRotation.Simulation.Faults;
using KeyRotation.Simulation.Model;
using KeyRotation.Simulation.Ports;
using Microsoft.Extensions.Time.Testing;
using static KeyRotation.Engine.Tests.Support.Org;

namespace KeyRotation.Engine.Tests.Resilience;

/// <summary>The whole sweep over a simulated organization with random faults, through the resilience decorators.</summary>
public class SweepUnderFaultsTests
{
    private static readonly string[] Accounts = ["222222222222", "333333333333", "444444444444", "555555555555"];

    /// <summary>
    /// Millisecond backoffs on the real clock keep the sweep fast without driving a fake one. Twenty retries: the
    /// simulated IAM now makes a live re-read three calls (GetUser, ListAccessKeys, GetAccessKeyLastUsed), retried as
    /// one like the AWS adapter's, so under 30% throttling six retries leave about one re-read in twenty failed.
    /// </summary>
    private static readonly ResilienceOptions Fast = new()
    {
        Retry = new RetryOptions { MaxRetryAttempts = 20, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(2) },
        RateLimits = new RateLimitOptions { IamRequestsPerSecondPerAccount = 10_000, IamBurstPerAccount = 1_000, OrganizationsRequestsPerSecond = 10_000 },
    };

    private static SimulatedOrganization Organization() => Of(
        [.. Accounts.Select(id => Account(id, [.. Enumerable.Range(0, 3).Select(u => DueUser($"user{u}", $"AKIA{id}{u:D4}"))]))]);

    private static Task<(RunReport Report, SimulatedWorld World, RetryTally Tally)> RunAsync(string faults, int seed = 11) =>
        RunAsync(new RandomFaults(FaultSpec.Parse(faults), seed), seed);

    private static async Task<(RunReport Report, SimulatedWorld World, RetryTally Tally)> RunAsync(IFaultSource faults, int seed)
    {
        var world = new SimulatedWorld(Organization(), new FakeTimeProvider(Now), seed: 42, [faults]);
        var services = EngineComposition.Compose(world.Ports, world.EngineOptions with { Resilience = Fast }, world.Time, new Random(seed), TimeProvider.System);
        var tally = services.Retries!;
        var options = new RotationRunOptions
        {
            RunId = "run-faults",
            AsOf = Now,
            Actor = "simulation",
            ManagementAccountId = Management,
        };

        var report = await new OrganizationSweep(services).RunAsync(options, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(60));
        return (report, world, tally);
    }

    [Fact]
    public async Task RunAsync_HeavyThrottling_EveryAccountProcessedWithOneNewKeyPerUser()
    {
        var (report, world, tally) = await RunAsync("throttle=0.3");

        Assert.All(report.Accounts, a => Assert.Equal(AccountStatus.Processed, a.Status));
        Assert.Equal(Accounts.Length * 3, world.IssuedKeys.Count);
        Assert.True(tally.Count > 0);
        Assert.Equal(tally.Count, report.Summary.Retries);
    }

    [Fact]
    public async Task RunAsync_DeniedAccount_OnlyThatAccountSkippedAsRoleNotDeployed()
    {
        var (report, world, _) = await RunAsync("throttle=0.2,deny-account=333333333333");

        var denied = Assert.Single(report.Accounts, a => a.AccountId == "333333333333");
        Assert.Equal((AccountStatus.Skipped, "RoleNotDeployed"), (denied.Status, denied.Reason));
        Assert.All(report.Accounts.Where(a => a != denied), a => Assert.Equal(AccountStatus.Processed, a.Status));
        Assert.DoesNotContain(world.IssuedKeys, k => k.AccountId == "333333333333");
    }

    [Fact]
    public async Task RunAsync_SecretStoreDown_AccountGivenUpAndNoKeyCreated()
    {
        var org = Of(Account("222222222222", [.. Enumerable.Range(0, 8).Select(u => DueUser($"user{u}", $"AKIA2222{u:D4}"))]));
        var world = new SimulatedWorld(org, new FakeTimeProvider(Now), 42, [new RandomFaults(FaultSpec.Parse("secret-store-down"), 1)]);
        var options = Fast with { Breaker = new BreakerOptions { FailuresBeforeGivingUp = 3 } };
        var services = EngineComposition.Compose(world.Ports, world.EngineOptions with { Resilience = options }, world.Time, new Random(1), TimeProvider.System);
        var run = new RotationRunOptions { RunId = "r", AsOf = Now, Actor = "simulation", ManagementAccountId = Management, MaxUsersInFlight = 1 };

        await new OrganizationSweep(services).RunAsync(run, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        // The secret name is checked before each create, so a store that is down stops rotations before any key exists.
        Assert.Empty(world.IssuedKeys);
        Assert.Equal(0, world.Gate.CallsTo(OperationNames.CreateAccessKey));
        Assert.Equal(3, world.Gate.CallsTo(OperationNames.DescribeSecret));
        Assert.All(org.Accounts[0].Users, u => Assert.Equal([$"AKIA2222{int.Parse(u.Name[4..]):D4}"], u.AccessKeys.Select(k => k.Id)));
    }

    [Fact]
    public async Task RunAsync_TransientErrorsOnCreate_CheckedThenSentAgainSoOneKeyPerUser()
    {
        var faults = new CreateOnlyFaults(new RandomFaults(FaultSpec.Parse("throttle=0.2,server-error=0.2,timeout=0.1"), 3));
        var world = new SimulatedWorld(Organization(), new FakeTimeProvider(Now), seed: 42, [faults]);
        var services = EngineComposition.Compose(world.Ports, world.EngineOptions with { Resilience = Fast }, world.Time, new Random(3), TimeProvider.System);
        // One user at a time per account makes each account's sequence of creates, and so this test, deterministic.
        var options = new RotationRunOptions { RunId = "r", AsOf = Now, Actor = "simulation", ManagementAccountId = Management, MaxUsersInFlight = 1 };

        var report = await new OrganizationSweep(services).RunAsync(options, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(faults.Transient > 0, "the seed should raise transient faults on CreateAccessKey");
        Assert.True(faults.Throttled > 0, "the seed should throttle CreateAccessKey");
        // In the simulation a failed create made no key, so each was checked (a re-read) and sent again.
        Assert.Equal(Accounts.Length * 3, world.IssuedKeys.Count);
        Assert.Equal(Accounts.Length * 3 + faults.Throttled + faults.Transient, world.Gate.CallsTo(OperationNames.CreateAccessKey));
        Assert.Equal(Accounts.Length * 3 + faults.Transient, world.Gate.CallsTo(OperationNames.GetUser));
        Assert.All(world.Organization.Accounts.SelectMany(a => a.Users), u => Assert.Equal(2, u.AccessKeys.Count));
        Assert.All(world.IssuedKeys, k => Assert.Equal(k.Key.AccessKeyId, world.SecretVault.Find(k.AccountId, k.UserName)?.Key.AccessKeyId));
        Assert.All(report.Accounts, a => Assert.Equal(AccountStatus.Processed, a.Status));
    }

    /// <summary>Lets only CreateAccessKey fail, so every user attempts exactly one create, and counts the faults.</summary>
    private sealed class CreateOnlyFaults(IFaultSource inner) : IFaultSource
    {
        private int transient;
        private int throttled;

        public int Transient => Volatile.Read(ref transient);

        public int Throttled => Volatile.Read(ref throttled);

        public Ports.ServiceException? FaultFor(SimulatedCall call)
        {
            if (call.Operation != OperationNames.CreateAccessKey) return null;
            var fault = inner.FaultFor(call);
            if (fault?.Kind == Ports.FailureKind.Transient) Interlocked.Increment(ref transient);
            if (fault?.Kind == Ports.FailureKind.Throttling) Interlocked.Increment(ref throttled);
            return fault;
        }
    }
}
