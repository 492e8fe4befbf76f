using KeyRotation.Cli.Hosting;
using System.Text.Json;
using KeyRotation.Cli.Tests.Support;
using KeyRotation.Core.Audit;
using KeyRotation.Engine.Ports;
using KeyRotation.Simulation.Faults;
using KeyRotation.Simulation.Ports;

namespace KeyRotation.Cli.Tests.Stopping;

/// <summary>
/// A stop requested mid-run through <see cref="GracefulStop.Request"/>, the path SIGINT and SIGTERM take
/// (<see cref="StopSignals"/>): the change in flight finishes and is recorded, nothing new starts, the whole report
/// is written and the exit code is the signal's.
/// </summary>
public sealed class GracefulStopTests
{
    private static readonly string Example = RepositoryRoot.File("examples", "org.json");

    [Theory]
    [InlineData(ExitCodes.Terminated)]
    [InlineData(ExitCodes.Interrupted)]
    public async Task Run_StopRequestedWhileACreateIsInFlight_CreateFinishesReportCompleteExitIsTheSignals(int signalCode)
    {
        using var stop = new GracefulStop();
        var trigger = new StopAtCall(OperationNames.CreateAccessKey, 3, stop, signalCode);

        var run = await Run(stop, [trigger], "--output", "json");

        Assert.Equal(signalCode, run.ExitCode);
        var report = run.Json();
        var statuses = report.GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("status").GetString()).ToList();
        Assert.Contains("Interrupted", statuses);
        Assert.Equal(7, statuses.Count);
        Assert.True(report.GetProperty("summary").GetProperty("interrupted").GetInt32() > 0);
        var world = run.Worlds.Single();
        // The third create was let through when the stop came: it finished, was handed off and recorded; no fourth began.
        Assert.Equal(3, world.IssuedKeys.Count);
        AssertEveryMutationAudited(world);
        Assert.Contains(world.AuditLog.Events, e => e.Action == AuditAction.RunFinished);
        Assert.Contains(world.AuditLog.Events, e => e.Action == AuditAction.AccountInterrupted);
    }

    [Fact]
    public async Task Run_StopRequestedBeforeTheSweep_NothingChangesEveryAccountInterrupted()
    {
        using var stop = new GracefulStop();
        stop.Request(ExitCodes.Terminated);

        var run = await Run(stop, [], "--output", "json");

        Assert.Equal(ExitCodes.Terminated, run.ExitCode);
        Assert.All(run.Json().GetProperty("accounts").EnumerateArray().Where(a => a.GetProperty("status").GetString() != "Skipped"),
            a => Assert.Equal("Interrupted", a.GetProperty("status").GetString()));
        Assert.Empty(run.Worlds.Single().IssuedKeys);
    }

    [Fact]
    public async Task Run_StopRequested_TableShowsInterruptedCount()
    {
        using var stop = new GracefulStop();
        var run = await Run(stop, [new StopAtCall(OperationNames.CreateAccessKey, 1, stop, ExitCodes.Interrupted)]);

        Assert.Equal(ExitCodes.Interrupted, run.ExitCode);
        Assert.Contains("interrupted (the run was stopped)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Request_Twice_OnlyTheFirstCounts()
    {
        using var stop = new GracefulStop();

        Assert.True(stop.Request(ExitCodes.Interrupted));
        Assert.False(stop.Request(ExitCodes.Terminated));
        Assert.Equal(ExitCodes.Interrupted, stop.ExitCode);
        Assert.True(stop.Token.IsCancellationRequested);
    }

    internal static void AssertEveryMutationAudited(SimulatedWorld world)
    {
        var created = world.AuditLog.Events
            .Where(e => e is { Action: "CreateKey", Outcome: AuditOutcome.Succeeded }).Select(e => e.AccessKeyId).ToHashSet();
        Assert.All(world.IssuedKeys, k => Assert.Contains(k.Key.AccessKeyId, created));
        var deactivations = world.Gate.CallsTo(OperationNames.UpdateAccessKey);
        Assert.Equal(deactivations, world.AuditLog.Events.Count(e => e is { Action: "DeactivateKey", Outcome: AuditOutcome.Succeeded }));
        Assert.Equal(world.Gate.CallsTo(OperationNames.DeleteAccessKey),
            world.AuditLog.Events.Count(e => e.Action == "DeleteKey" && e.Outcome == AuditOutcome.Succeeded));
    }

    private static async Task<CliRun> Run(GracefulStop stop, IReadOnlyList<IFaultSource> faults, params string[] extra)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var worlds = new List<SimulatedWorld>();
        var environment = new CliEnvironment(output, error, new KeyRotation.Cli.Running.FrozenClock(CliRun.Now), new Random(7))
        {
            SimulationCreated = worlds.Add,
            Variables = _ => null,
            Stop = stop,
            FaultSources = faults,
        };
        string[] args = ["run", "--simulation", Example, "--as-of", "2026-11-29T12:00:00Z", "--seed", "1", "--max-accounts-in-flight", "1",
            "--max-users-in-flight", "1", .. extra];
        var exitCode = await Cli.RunAsync(args, environment);
        return new CliRun(exitCode, output.ToString(), error.ToString(), worlds);
    }

    /// <summary>Requests the stop as the n-th call of an operation is let through, as a signal arriving then would.</summary>
    private sealed class StopAtCall(string operation, int n, GracefulStop stop, int code) : IFaultSource
    {
        private int calls;

        public ServiceException? FaultFor(SimulatedCall call)
        {
            if (call.Operation == operation && Interlocked.Increment(ref calls) == n)
            {
                stop.Request(code);
            }

            return null;
        }
    }
}
