using KeyRotation.Engine.Composition;
using KeyRotation.Core.Audit;
using KeyRotation.Core.Targeting;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Resilience.Retry;
using KeyRotation.Engine.Resilience;
using KeyRotation.Engine.Runs;
using KeyRotation.Engine.Sweep;
using KeyRotation.Engine.Tests.Support;
using KeyRotation.Simulation.Faults;
using KeyRotation.Simulation.Model;
using KeyRotation.Simulation.Ports;
using static KeyRotation.Engine.Tests.Support.Org;

namespace KeyRotation.Engine.Tests.Sweep;

/// <summary>The engine's side of a graceful stop, refused member roles, start warnings and an outage of STS.</summary>
public sealed class CrashHostSweepTests
{
    private static SimulatedOrganization ThreeAccounts() => Of(
        Account("222222222222", DueUser("alice", "AKIAALICEEXAMPLEOLD1"), DueUser("amy", "AKIAAMYEXAMPLE00OLD1")),
        Account("333333333333", DueUser("bob", "AKIABOBEXAMPLE0OLD01")),
        Account("444444444444", DueUser("carl", "AKIACARLEXAMPLE0OLD1")));

    [Fact]
    public async Task RunAsync_StoppingDuringTheFirstCreate_ItFinishesNothingElseStartsAccountsInterrupted()
    {
        using var stop = new CancellationTokenSource();
        var harness = new Harness(ThreeAccounts(), new OnCall(OperationNames.CreateAccessKey, stop.Cancel));
        var options = harness.Options() with { Stopping = stop.Token, MaxAccountsInFlight = 1, MaxUsersInFlight = 1 };

        var report = await harness.Sweep.RunAsync(options, CancellationToken.None);

        var issued = Assert.Single(harness.World.IssuedKeys);
        Assert.Contains(harness.World.AuditLog.Events, e => e is { Action: "CreateKey", Outcome: AuditOutcome.Succeeded }
            && e.AccessKeyId == issued.Key.AccessKeyId);
        Assert.All(report.Accounts, a => Assert.Equal(AccountStatus.Interrupted, a.Status));
        Assert.Equal(3, report.Summary.Interrupted);
        Assert.True(report.Interrupted);
        Assert.Equal(0, report.Summary.FailedActions);
        Assert.Equal(3, harness.World.AuditLog.Events.Count(e => e.Action == AuditAction.AccountInterrupted));
        var finished = Assert.Single(harness.World.AuditLog.Events, e => e.Action == AuditAction.RunFinished);
        Assert.StartsWith("interrupted", finished.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_StoppingDuringAUsersFirstChange_TheUsersNextChangeDoesNotStart()
    {
        using var stop = new CancellationTokenSource();
        // Due and idle past the deactivation age: CreateKey, then DeactivateKey of the old key.
        var organization = Of(Account("222222222222", IdleOldUser("alice", "AKIAALICEEXAMPLEOLD1")));
        var harness = new Harness(organization, new OnCall(OperationNames.CreateAccessKey, stop.Cancel));
        var options = harness.Options() with { Stopping = stop.Token };

        var report = await harness.Sweep.RunAsync(options, CancellationToken.None);

        Assert.Single(harness.World.IssuedKeys);
        Assert.Equal(0, harness.World.Gate.CallsTo(OperationNames.UpdateAccessKey));
        var account = Assert.Single(report.Accounts);
        Assert.Equal((AccountStatus.Interrupted, "Stopped"), (account.Status, account.Reason));
        Assert.Single(harness.World.AuditLog.Events, e => e is { Action: "CreateKey", Outcome: AuditOutcome.Succeeded });
        Assert.Equal(0, report.Summary.FailedActions);
    }

    [Fact]
    public async Task RunAsync_ManagementAccountRefusesTheRole_SkippedAsManagementAccount()
    {
        var harness = new Harness(Of(Account(Management, DueUser("root-ish", "AKIAROOTEXAMPLEOLD01")),
            Account("222222222222", DueUser("alice", "AKIAALICEEXAMPLEOLD1"))));
        harness.Faults.Add(FaultRule.Always("sts", OperationNames.AssumeRole, Management, FailureKind.AccessDenied));

        var report = await harness.RunAsync();

        var management = Assert.Single(report.Accounts, a => a.AccountId == Management);
        Assert.Equal((AccountStatus.Skipped, nameof(AccountSkipReason.ManagementAccount)), (management.Status, management.Reason));
        Assert.Equal(1, report.Summary.RoleRefused);
        Assert.Equal(0, report.Summary.Failed);
        Assert.Contains(report.Warnings, w => w.Contains($"{Management} (ManagementAccount)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_ManagementAccountAskedForById_RefusalFails()
    {
        var harness = new Harness(Of(Account(Management, DueUser("root-ish", "AKIAROOTEXAMPLEOLD01"))));
        harness.Faults.Add(FaultRule.Always("sts", OperationNames.AssumeRole, Management, FailureKind.AccessDenied));
        var options = harness.Options() with
        {
            Targeting = AccountTargeting.All with { IncludeAccounts = new HashSet<string> { Management } },
        };

        var report = await harness.RunAsync(options);

        Assert.Equal(AccountStatus.Failed, Assert.Single(report.Accounts).Status);
    }

    [Fact]
    public async Task RunAsync_AssumeRoleFailsOtherThanDenied_StillFailsNotSkipped()
    {
        var harness = new Harness(Of(Account("222222222222", DueUser("alice", "AKIAALICEEXAMPLEOLD1"))));
        harness.Faults.Add(FaultRule.Always("sts", OperationNames.AssumeRole, "222222222222", FailureKind.Final));

        var report = await harness.RunAsync();

        Assert.Equal(AccountStatus.Failed, Assert.Single(report.Accounts).Status);
    }

    [Fact]
    public async Task RunAsync_StsUnreachable_FirstAccountFailsTheRestAreNotStarted()
    {
        var harness = new Harness(ThreeAccounts());
        harness.Faults.Add(new FaultRule
        {
            Service = "sts", Operation = OperationNames.AssumeRole, Kind = FailureKind.Unreachable,
            Code = "EndpointUnreachable", HttpStatus = 0, Detail = "Connection refused (127.0.0.1:9)",
        });
        var options = harness.Options() with { MaxAccountsInFlight = 1 };

        var report = await harness.Sweep.RunAsync(options, CancellationToken.None);

        Assert.All(report.Accounts, a => Assert.Equal(AccountStatus.Failed, a.Status));
        Assert.Equal(1, harness.World.Gate.CallsTo(OperationNames.AssumeRole));
        Assert.Equal(2, report.Accounts.Count(a => a.Error!.StartsWith("not started: AWS stopped answering", StringComparison.Ordinal)));
        Assert.Contains(report.Warnings, w => w.Contains("AWS stopped answering, so 2 account(s) were not started", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_StsUnreachableBehindThePipelines_RetriedOnceOnly()
    {
        var organization = Of(Account("222222222222", DueUser("alice", "AKIAALICEEXAMPLEOLD1")));
        var faults = new RuleBasedFaultSource(new FaultRule
        {
            Service = "sts", Operation = OperationNames.AssumeRole, Kind = FailureKind.Unreachable, Code = "EndpointUnreachable",
        });
        var world = new SimulatedWorld(organization, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now), 42, [faults]);
        var fast = new ResilienceOptions { Retry = new RetryOptions { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(2) } };
        var services = EngineComposition.Compose(world.Ports, world.EngineOptions with { Resilience = fast }, world.Time, new Random(1), TimeProvider.System);

        var report = await new OrganizationSweep(services).RunAsync(new RotationRunOptions
        {
            RunId = "run-1", AsOf = Now, Actor = "simulation", ManagementAccountId = Management,
        }, CancellationToken.None);

        Assert.Equal(AccountStatus.Failed, Assert.Single(report.Accounts).Status);
        Assert.Equal(2, world.Gate.CallsTo(OperationNames.AssumeRole));
    }

    [Fact]
    public void StartWarnings_UnknownIdsAndOptOutValues_AreEachNamed()
    {
        var unit = new Core.Facts.OrganizationalUnitFacts("ou-a", "A", new Dictionary<string, string> { ["key-rotation:opt-out"] = "no" });
        Core.Facts.AccountFacts[] accounts =
        [
            new("222222222222", "dev", Core.Facts.AccountState.Active, [unit], new Dictionary<string, string> { ["key-rotation:opt-out"] = "yes" }),
            new("333333333333", "ops", Core.Facts.AccountState.Active, [unit], new Dictionary<string, string> { ["key-rotation:opt-out"] = "TRUE " }),
        ];
        var targeting = new AccountTargeting(new HashSet<string> { "222222222222", "999999999999" }, new HashSet<string> { "888888888888" },
            new HashSet<string> { "ou-a", "ou-typo" }, new HashSet<string>());

        var warnings = StartWarnings.For(accounts, targeting, Core.Tags.TagConventions.Default);

        Assert.Equal(
        [
            "targeted account 999999999999 is not an account of the organization",
            "excluded account 888888888888 is not an account of the organization",
            "targeted OU ou-typo is not an OU with accounts in this organization",
            "OU ou-a (A): tag key-rotation:opt-out = 'no' is ignored (only 'true' opts out), so it is rotated",
            "account 222222222222 (dev): tag key-rotation:opt-out = 'yes' is ignored (only 'true' opts out), so it is rotated",
        ], warnings);
    }

    /// <summary>Runs an action as a call of the operation is let through (the call itself goes ahead).</summary>
    private sealed class OnCall(string operation, Action action) : IFaultSource
    {
        public ServiceException? FaultFor(SimulatedCall call)
        {
            if (call.Operation == operation)
            {
                action();
            }

            return null;
        }
    }
}
