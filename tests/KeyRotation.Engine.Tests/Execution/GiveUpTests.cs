using KeyRotation.Engine.Composition;
using KeyRotation.Core.Audit;
using KeyRotation.Core.Planning;
using KeyRotation.Engine.Ports;
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

namespace KeyRotation.Engine.Tests.Execution;

/// <summary>An account the resilience layer gives up (AccountGivenUpException) is Failed; the others go on.</summary>
public sealed class GiveUpTests
{
    private const string Broken = "222222222222";
    private const string Healthy = "333333333333";

    private static readonly ResilienceOptions GiveUpAfterThree = new()
    {
        Retry = new RetryOptions { MaxRetryAttempts = 0 },
        Breaker = new BreakerOptions { FailuresBeforeGivingUp = 3 },
        // Organizations too: the walk takes a token per request, and this clock never moves.
        RateLimits = new RateLimitOptions { IamBurstPerAccount = 1_000, IamRequestsPerSecondPerAccount = 10_000, OrganizationsBurst = 1_000 },
    };

    private static SimulatedOrganization EightDueUsersEach() => Of(
        Account(Broken, [.. Enumerable.Range(0, 8).Select(u => IdleOldUser($"user{u}", $"AKIA2222OLD00000000{u}"))]),
        Account(Healthy, [.. Enumerable.Range(0, 8).Select(u => IdleOldUser($"user{u}", $"AKIA3333OLD00000000{u}"))]));

    private static async Task<(RunReport Report, SimulatedWorld World)> RunAsync(
        SimulatedOrganization organization, FaultRule fault, int usersInFlight = 1)
    {
        var world = new SimulatedWorld(organization, new FakeTimeProvider(Now), seed: 42, [new RuleBasedFaultSource(fault)]);
        var services = EngineComposition.Compose(world.Ports, world.EngineOptions with { Resilience = GiveUpAfterThree }, world.Time, new Random(1), new FakeTimeProvider(Now));
        var options = new RotationRunOptions
        {
            RunId = "run-give-up",
            AsOf = Now,
            Actor = "simulation",
            ManagementAccountId = Management,
            MaxUsersInFlight = usersInFlight,
        };

        var report = await new OrganizationSweep(services).RunAsync(options, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        return (report, world);
    }

    [Fact]
    public async Task RunAsync_SecretStoreDown_AccountFailedWithLastErrorRestNotStarted()
    {
        var (report, world) = await RunAsync(EightDueUsersEach(),
            FaultRule.Always(OperationNames.SecretsManager, OperationNames.CreateSecret, Broken, FailureKind.Final));

        var broken = report.Accounts.Single(a => a.AccountId == Broken);
        Assert.Equal(AccountStatus.Failed, broken.Status);
        Assert.Contains($"Account {Broken} given up", broken.Error, StringComparison.Ordinal);
        Assert.Contains("secretsmanager CreateSecret failed: InternalFailure", broken.Error, StringComparison.Ordinal);
        Assert.Contains("5 of 8 users not started: the account was given up", broken.Notes);
        Assert.Equal(["user0", "user1", "user2"], broken.Actions.Select(a => a.UserName).Distinct());
        Assert.Equal(AccountStatus.Processed, report.Accounts.Single(a => a.AccountId == Healthy).Status);
        Assert.Single(report.Summary.Failures, f => f.AccountId == Broken && f.Error == broken.Error);
        Assert.Single(world.AuditLog.Events, e => e.Action == AuditAction.AccountFailed && e.AccountId == Broken && e.Error == broken.Error);
    }

    [Fact]
    public async Task RunAsync_SecretStoreDownUsersInFlight_EveryCreatedKeyTakenBack()
    {
        var organization = EightDueUsersEach();
        var before = Snapshot(Of(organization.Accounts[0]));

        var (report, world) = await RunAsync(organization,
            FaultRule.Always(OperationNames.SecretsManager, OperationNames.CreateSecret, Broken, FailureKind.Final), usersInFlight: 4);

        Assert.Equal(before, Snapshot(Of(organization.Accounts[0])));
        var created = world.IssuedKeys.Where(k => k.AccountId == Broken).ToArray();
        Assert.InRange(created.Length, 3, 8);
        var broken = report.Accounts.Single(a => a.AccountId == Broken);
        Assert.Equal(AccountStatus.Failed, broken.Status);
        Assert.All(created, k => Assert.Contains(broken.Actions, a =>
            a.AccessKeyId == k.Key.AccessKeyId && a.Reason == ReasonCode.RotationRolledBack && a.Outcome == AuditOutcome.Succeeded));
    }

    [Fact]
    public async Task RunAsync_ReReadKeepsFailing_AccountFailedOtherProcessed()
    {
        var (report, world) = await RunAsync(EightDueUsersEach(),
            FaultRule.Always(OperationNames.Iam, OperationNames.GetUser, Broken, FailureKind.Final));

        var broken = report.Accounts.Single(a => a.AccountId == Broken);
        Assert.Equal(AccountStatus.Failed, broken.Status);
        Assert.Contains("given up", broken.Error, StringComparison.Ordinal);
        Assert.Contains("iam GetUser failed", broken.Error, StringComparison.Ordinal);
        Assert.Equal(3, world.Gate.CallsTo(OperationNames.GetUser) - 8);
        Assert.DoesNotContain(world.IssuedKeys, k => k.AccountId == Broken);
        Assert.Equal(8, world.IssuedKeys.Count(k => k.AccountId == Healthy));
    }

    [Fact]
    public async Task RunAsync_FewerFailuresThanBreaker_AccountProcessedWithFailedActions()
    {
        var organization = Of(Account(Broken, IdleOldUser("user0", "AKIA2222OLDEXAMPLE00"), IdleOldUser("user1", "AKIA2222OLDEXAMPLE01")));

        var (report, _) = await RunAsync(organization, FaultRule.Always(OperationNames.SecretsManager, OperationNames.CreateSecret, Broken, FailureKind.Final));

        var account = Assert.Single(report.Accounts);
        Assert.Equal(AccountStatus.Processed, account.Status);
        Assert.Equal(2, account.Actions.Count(a => a.Reason == ReasonCode.RotationRolledBack));
    }
}
