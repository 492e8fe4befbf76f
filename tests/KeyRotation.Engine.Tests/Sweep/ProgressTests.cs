using KeyRotation.Engine.Composition;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Resilience;
using KeyRotation.Engine.Sweep;
using KeyRotation.Engine.Tests.Support;
using KeyRotation.Simulation.Faults;
using KeyRotation.Simulation.Ports;
using static KeyRotation.Engine.Tests.Support.Org;
using KeyRotation.Engine.Resilience.Retry;

namespace KeyRotation.Engine.Tests.Sweep;

public sealed class ProgressTests
{
    /// <summary>Millisecond backoffs on the real clock: the retry happens without driving the fake one.</summary>
    private static readonly ResilienceOptions Fast = new()
    {
        Retry = new RetryOptions { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(2) },
    };

    [Fact]
    public async Task RunAsync_MixedOutcomes_ReportsEachAccountWithCountsRetriesAndElapsed()
    {
        var clock = new AdvanceOnAssumeRole { Step = TimeSpan.FromSeconds(35) };
        var organization = Of(
            Account("222222222222", DueUser("alice", "AKIAALICEEXAMPLEOLD1")),
            Account("333333333333", DueUser("bob", "AKIABOBEXAMPLE0OLD01")),
            Account("444444444444", DueUser("carl", "AKIACARLEXAMPLE0OLD1")),
            Account("555555555555", DueUser("dora", "AKIADORAEXAMPLE0OLD1")),
            Account("666666666666", DueUser("emil", "AKIAEMILEXAMPLE0OLD1")));
        organization.Accounts[0].Tags["key-rotation:opt-out"] = "true";
        var harness = new Harness(organization, clock);
        clock.Time = harness.Time;
        harness.Faults.Add(FaultRule.OnCall(OperationNames.Iam, OperationNames.ListUsers, "333333333333", FailureKind.Transient, 1));
        harness.Faults.Add(FaultRule.Always(OperationNames.Sts, OperationNames.AssumeRole, "444444444444", FailureKind.AccessDenied));
        harness.Faults.Add(FaultRule.Always(OperationNames.Iam, OperationNames.ListUsers, "555555555555", FailureKind.AccessDenied));
        var reports = new Recorder();
        var sweep = new OrganizationSweep(EngineComposition.Compose(harness.World.Ports, harness.World.EngineOptions with { Resilience = Fast }, harness.World.Time, new Random(1), TimeProvider.System))
        {
            Progress = reports,
        };
        var options = harness.Options() with
        {
            Deadline = Now.AddSeconds(95),
            MinimumTimePerAccount = TimeSpan.FromSeconds(30),
            MaxAccountsInFlight = 1,
        };

        var report = await sweep.RunAsync(options, CancellationToken.None);

        // Accounts, processed, failed, deferred, skipped, interrupted, retries, elapsed: the start, the listing, then
        // 333 (retried once), 444 (role refused), 555 (discovery denied), 666 (too little time left).
        Assert.Equal(
        [
            new SweepProgress(null, 0, 0, 0, 0, 0, 0, TimeSpan.Zero),
            new SweepProgress(5, 0, 0, 0, 1, 0, 0, TimeSpan.Zero),
            new SweepProgress(5, 1, 0, 0, 1, 0, 1, TimeSpan.FromSeconds(35)),
            new SweepProgress(5, 1, 0, 0, 2, 0, 1, TimeSpan.FromSeconds(35)),
            new SweepProgress(5, 1, 1, 0, 2, 0, 1, TimeSpan.FromSeconds(70)),
            new SweepProgress(5, 1, 1, 1, 2, 0, 1, TimeSpan.FromSeconds(70)),
        ], reports.Seen);
        var last = reports.Seen[^1];
        Assert.Equal(
            (report.Summary.Accounts, report.Summary.Processed, report.Summary.Failed, report.Summary.Deferred, report.Summary.Skipped),
            (last.Done, last.Processed, last.Failed, last.Deferred, last.Skipped));
    }

    [Fact]
    public async Task RunAsync_ManyAccountsInFlight_DoneGrowsByOneUpToTheTotal()
    {
        var organization = Of([.. Enumerable.Range(0, 40).Select(i =>
            Account($"2{i:D11}", DueUser("alice", $"AKIA{i:D4}EXAMPLEOLD1")))]);
        var harness = new Harness(organization);
        var reports = new Recorder();
        var sweep = new OrganizationSweep(harness.Services) { Progress = reports };

        await sweep.RunAsync(harness.Options() with { MaxAccountsInFlight = 8 }, CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 41), reports.Seen.Skip(1).Select(p => p.Done));
        Assert.All(reports.Seen.Skip(1), p => Assert.Equal(40, p.Accounts));
    }

    [Fact]
    public async Task RunAsync_ProgressCallbackThrows_RunStillFinishesEveryAccount()
    {
        var harness = new Harness(Of(
            Account("222222222222", DueUser("alice", "AKIAALICEEXAMPLEOLD1")),
            Account("333333333333", DueUser("bob", "AKIABOBEXAMPLE0OLD01"))));
        var sweep = new OrganizationSweep(harness.Services) { Progress = new Throwing() };

        var report = await sweep.RunAsync(harness.Options(), CancellationToken.None);

        Assert.Equal(2, report.Summary.Processed);
        Assert.Equal(2, harness.World.IssuedKeys.Count);
    }

    /// <summary>Keeps every report in order; the sweep calls it one report at a time.</summary>
    private sealed class Recorder : IProgress<SweepProgress>
    {
        public List<SweepProgress> Seen { get; } = [];

        public void Report(SweepProgress value) => Seen.Add(value);
    }

    private sealed class Throwing : IProgress<SweepProgress>
    {
        public void Report(SweepProgress value) => throw new IOException("stderr closed");
    }
}
