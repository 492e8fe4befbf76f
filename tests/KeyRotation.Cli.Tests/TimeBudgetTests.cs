using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Running;
using KeyRotation.Cli.Settings;
using KeyRotation.Cli.Tests.Support;
using KeyRotation.Core.Tags;
using KeyRotation.Core.Targeting;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Reporting;
using KeyRotation.Simulation.Faults;
using KeyRotation.Simulation.Files;

namespace KeyRotation.Cli.Tests;

/// <summary>--time-budget and retry waits in a simulation, on a host clock the test moves by hand.</summary>
public sealed class TimeBudgetTests
{
    private static readonly DateTimeOffset AsOf = CliRun.Now;

    [Fact]
    public async Task RunAsync_BudgetSpentWhileWallClockStandsStill_LaterAccountsDeferred()
    {
        var host = new ManualClock(AsOf);
        var slowAccounts = new AdvanceOnAssumeRole(host, TimeSpan.FromSeconds(70));
        var limits = RunLimits.Default with { TimeBudget = TimeSpan.FromSeconds(90), MaxAccountsInFlight = 1 };

        var (exitCode, report, target) = await RunAsync(host, slowAccounts, limits);

        Assert.Equal(ExitCodes.Deferred, exitCode);
        Assert.Equal(
            [AccountStatus.Processed, AccountStatus.Deferred, AccountStatus.Deferred, AccountStatus.Deferred],
            report!.Accounts.Where(a => a.Status != AccountStatus.Skipped).Select(a => a.Status));
        // The simulation's wall clock stood at --as-of the whole time: the keys it made carry that instant.
        Assert.All(target.World.IssuedKeys, k => Assert.Equal(AsOf, k.Key.CreatedAt));
        Assert.Equal(70, host.Elapsed.TotalSeconds);
    }

    [Fact]
    public async Task RunAsync_NoBudget_SameSlowAccountsAllProcessed()
    {
        var host = new ManualClock(AsOf);

        var (exitCode, report, _) = await RunAsync(host, new AdvanceOnAssumeRole(host, TimeSpan.FromSeconds(70)), RunLimits.Default);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal(4, report!.Summary.Processed);
    }

    [Fact]
    public async Task RunAsync_ThrottledOnAClockThatNeverMoves_BackoffDoesNotWait()
    {
        var host = new ManualClock(AsOf);

        // One in five requests throttled: plenty of retries, while 7 throttles in a row (0.2^7 per operation) stay
        // improbable however concurrent calls interleave their draws from the fault source.
        var (exitCode, report, _) = await RunAsync(host, new RandomFaults(FaultSpec.Parse("throttle=0.2"), 5), RunLimits.Default)
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.True(report!.Summary.Retries > 0);
        Assert.Equal(TimeSpan.Zero, host.Elapsed);
    }

    [Fact]
    public async Task InstantWaits_LongDelay_EndsAtOnceTimestampsFromHost()
    {
        var host = new ManualClock(AsOf);
        var waits = new InstantWaits(host);

        await Task.Delay(TimeSpan.FromHours(1), waits).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(host.GetTimestamp(), waits.GetTimestamp());
        Assert.Equal(host.TimestampFrequency, waits.TimestampFrequency);
    }

    private static async Task<(int ExitCode, RunReport? Report, SimulationTarget Target)> RunAsync(
        ManualClock host, IFaultSource faults, RunLimits limits)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new CliEnvironment(output, error, host, new Random(1));
        var organization = SimulationFile.Load(await File.ReadAllTextAsync(RepositoryRoot.File("examples", "org.json")), AsOf);
        var target = new SimulationTarget(organization, AsOf, 1, null, environment, [faults], limits.Resilience);
        var settings = new RunSettings("test-run", AsOf, DryRun: false, Core.Policy.RotationPolicy.Default,
            AccountTargeting.All, TagConventions.Default, OutputFormat.Table) { Limits = limits };

        var result = await SweepRunner.RunAsync(target, settings, environment, CancellationToken.None);
        return (result.ExitCode, result.Report, target);
    }

    /// <summary>A host clock that moves only when told; its timers never fire.</summary>
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private long ticks;

        public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref ticks));

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override DateTimeOffset GetUtcNow() => start + Elapsed;

        public override long GetTimestamp() => Interlocked.Read(ref ticks);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            new NeverFires();

        public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);

        private sealed class NeverFires : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    /// <summary>Entering an account takes this long on the host clock, as slow work would.</summary>
    private sealed class AdvanceOnAssumeRole(ManualClock host, TimeSpan step) : IFaultSource
    {
        public ServiceException? FaultFor(SimulatedCall call)
        {
            if (call.Operation == "AssumeRole")
            {
                host.Advance(step);
            }

            return null;
        }
    }
}
