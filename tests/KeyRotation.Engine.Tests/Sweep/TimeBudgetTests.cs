using KeyRotation.Core.Audit;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Runs;
using KeyRotation.Engine.Sweep;
using KeyRotation.Engine.Tests.Support;
using KeyRotation.Simulation.Faults;
using KeyRotation.Simulation.Ports;
using Microsoft.Extensions.Time.Testing;
using static KeyRotation.Engine.Tests.Support.Org;

namespace KeyRotation.Engine.Tests.Sweep;

public sealed class TimeBudgetTests
{
    private static Harness ThreeAccounts(params IFaultSource[] faults) => new(Of(
        [
            Account("222222222222", DueUser("alice", "AKIAALICEEXAMPLEOLD1")),
            Account("333333333333", DueUser("bob", "AKIABOBEXAMPLE0OLD01")),
            Account("444444444444", DueUser("carl", "AKIACARLEXAMPLE0OLD1")),
        ]), faults);

    [Fact]
    public async Task RunAsync_LessThanMinimumLeft_EveryAccountDeferredNothingChanged()
    {
        var harness = ThreeAccounts();
        var options = harness.Options() with { Deadline = Now.AddSeconds(10), MinimumTimePerAccount = TimeSpan.FromSeconds(30) };

        var report = await harness.Sweep.RunAsync(options, CancellationToken.None);

        Assert.All(report.Accounts, a => Assert.Equal((AccountStatus.Deferred, "TimeBudget"), (a.Status, a.Reason)));
        Assert.Equal(3, report.Summary.Deferred);
        Assert.Equal(0, harness.World.Gate.CallsTo(OperationNames.AssumeRole));
        Assert.Equal(3, harness.World.AuditLog.Events.Count(e => e.Action == AuditAction.AccountDeferred));
    }

    [Fact]
    public async Task RunAsync_ClockRunsOutMidRun_LaterAccountsDeferred()
    {
        var clock = new AdvanceOnAssumeRole();
        var harness = ThreeAccounts(clock);
        clock.Time = harness.Time;
        var options = harness.Options() with
        {
            Deadline = Now.AddSeconds(90),
            MinimumTimePerAccount = TimeSpan.FromSeconds(30),
            MaxAccountsInFlight = 1,
        };

        var report = await harness.Sweep.RunAsync(options, CancellationToken.None);

        Assert.Equal([AccountStatus.Processed, AccountStatus.Deferred, AccountStatus.Deferred], report.Accounts.Select(a => a.Status));
        Assert.Single(harness.World.IssuedKeys);
        Assert.Equal(1, harness.World.Gate.CallsTo(OperationNames.AssumeRole));
    }

    [Fact]
    public async Task RunAsync_DeadlinePassesInsideAccount_StartedUserFinishesRestDeferred()
    {
        var clock = new AdvanceOnAssumeRole { Step = TimeSpan.FromSeconds(100) };
        var harness = new Harness(Of(Account("222222222222",
            DueUser("alice", "AKIAALICEEXAMPLEOLD1"), DueUser("bob", "AKIABOBEXAMPLE0OLD01"))), clock);
        clock.Time = harness.Time;
        var options = harness.Options() with { Deadline = Now.AddSeconds(90), MinimumTimePerAccount = TimeSpan.FromSeconds(30) };

        var report = await harness.Sweep.RunAsync(options, CancellationToken.None);

        var account = Assert.Single(report.Accounts);
        Assert.Equal((AccountStatus.Deferred, "TimeBudget"), (account.Status, account.Reason));
        Assert.Empty(harness.World.IssuedKeys);
        Assert.Single(harness.World.AuditLog.Events, e => e.Action == AuditAction.AccountDeferred);
    }

    [Fact]
    public async Task RunAsync_CancelledBeforeStart_AccountsInterruptedReportReturned()
    {
        var harness = ThreeAccounts();
        using var cancel = new CancellationTokenSource();
        var selection = await harness.Sweep.BeginRunAsync(harness.Options(), CancellationToken.None);
        await cancel.CancelAsync();

        var account = await harness.Sweep.RotateAccountAsync(selection.Targets[0], harness.Options(), cancel.Token);

        Assert.Equal((AccountStatus.Interrupted, "Cancelled"), (account.Status, account.Reason));
        Assert.Equal(0, harness.Mutations);
    }

    [Fact]
    public async Task RunAsync_WallClockStandsStillTimeElapses_DeadlineStillComes()
    {
        var ticking = new FakeTimeProvider(Now);
        var organization = Of(
            Account("222222222222", DueUser("alice", "AKIAALICEEXAMPLEOLD1")),
            Account("333333333333", DueUser("bob", "AKIABOBEXAMPLE0OLD01")),
            Account("444444444444", DueUser("carl", "AKIACARLEXAMPLE0OLD1")));
        var world = new SimulatedWorld(organization, new StandingWallClock(Now, ticking), 42, [new AdvanceOnAssumeRole { Time = ticking }]);
        var options = new RotationRunOptions
        {
            RunId = "run-1",
            AsOf = Now,
            Actor = "simulation",
            ManagementAccountId = Management,
            Deadline = Now.AddSeconds(90),
            MinimumTimePerAccount = TimeSpan.FromSeconds(30),
            MaxAccountsInFlight = 1,
        };

        var report = await new OrganizationSweep(world.CreateServices()).RunAsync(options, CancellationToken.None);

        Assert.Equal([AccountStatus.Processed, AccountStatus.Deferred, AccountStatus.Deferred], report.Accounts.Select(a => a.Status));
        Assert.Equal(Now, Assert.Single(world.IssuedKeys).Key.CreatedAt);
    }

    /// <summary>A simulation's clock: the wall clock stands at the evaluation instant, elapsed time still passes.</summary>
    private sealed class StandingWallClock(DateTimeOffset now, TimeProvider ticking) : TimeProvider
    {
        public override long TimestampFrequency => ticking.TimestampFrequency;

        public override DateTimeOffset GetUtcNow() => now;

        public override long GetTimestamp() => ticking.GetTimestamp();
    }
}
