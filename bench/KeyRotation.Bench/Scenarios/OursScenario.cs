using System.Diagnostics;
using KeyRotation.Bench.Measuring;
using KeyRotation.Bench.Options;
using KeyRotation.Bench.Organization;
using KeyRotation.Core.Audit;
using KeyRotation.Engine.Composition;
using KeyRotation.Engine.Discovery;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Resilience;
using KeyRotation.Engine.Runs;
using KeyRotation.Engine.Sweep;
using KeyRotation.Simulation.Cost;
using KeyRotation.Simulation.Ports;

namespace KeyRotation.Bench.Scenarios;

/// <summary>
/// The full engine, as the Lambda would run it: OrganizationSweep over ports composed by EngineComposition (retry on
/// throttling, IAM pacing, breakers), a real run (not dry), on the simulated organization with latency and limits.
/// </summary>
internal static class OursScenario
{
    /// <param name="Bound">The lower bound of this run's work (its organization, its report, the costs it ran with).</param>
    public sealed record Outcome(RunResult Result, LowerBound Bound);

    public static async Task<Outcome> RunAsync(BenchOptions bench, int accounts, DiscoveryMode mode, int? maxAccountsInFlight = null, string? run = null)
    {
        // The simulated world (organization, in-memory AWS) shares the process with the engine: weighed alone before
        // and after the run, so the engine's share can be told apart.
        // Measured after a yield, on a fresh stack: a caller's frame can still hold the task of the run before (and
        // through it that run's world) in a stack slot until it unwinds.
        await Task.Yield();
        var empty = MemorySampler.LiveHeapBytes();
        var organization = Workload.Generate(accounts, bench.UsersPerAccount, bench.Seed, bench.OrganizationalUnits);
        var clock = new PhasedClock(Workload.AsOf, bench.TimeScale);
        var iam = new SimulatedIamOptions { ExistingReportAge = bench.ReportAge };
        var world = new SimulatedWorld(organization, clock, bench.Seed, iam: iam, costs: bench.Costs,
            discovery: new DiscoverySettings { Mode = mode });
        var worldAtStart = MemorySampler.LiveHeapBytes() - empty;
        var walkRequests = OrganizationWalk.Requests(organization).Count;
        var keysBefore = Workload.KeysBefore(organization);
        var name = run ?? (mode == DiscoveryMode.Bulk ? BenchOptions.OursBulk : BenchOptions.OursPerKey);

        var before = MemorySampler.LiveHeapBytes();
        var sweep = await SweepAsync(bench, world, clock, organization.ManagementAccountId, name, accounts,
            maxAccountsInFlight ?? bench.MaxAccountsInFlight);
        var result = Measure(name, mode == DiscoveryMode.Bulk, accounts, bench.UsersPerAccount, sweep.Report, world.Gate, world.Gate.Cost!.Served) with
        {
            WallSeconds = sweep.Wall.TotalSeconds,
            ListingSeconds = clock.VirtualElapsed.TotalSeconds,
            RealSeconds = sweep.Real.TotalSeconds,
            Retries = sweep.Retries,
            PeakHeapBytes = sweep.PeakHeapBytes,
            PeakWorkingSetBytes = sweep.PeakWorkingSetBytes,
            PeakWorkingSetIsPerRun = sweep.PeakWorkingSetIsPerRun,
        };
        var bound = LowerBound.Of(sweep.Report, keysBefore, bench.Costs, iam, walkRequests);
        var workingSetAtStart = sweep.WorkingSetAtStartBytes;
        await Task.Yield();
        var withReport = MemorySampler.LiveHeapBytes();
        GC.KeepAlive(sweep);
        sweep = null;
        await Task.Yield();

        // The engine is gone: what is left is the world as the run left it (audit table, secrets, notifications, new
        // keys) and this run's figures.
        var withoutReport = MemorySampler.LiveHeapBytes();
        var worldAtEnd = worldAtStart + withoutReport - before;
        result = result with
        {
            Memory = new MemoryShares(worldAtStart, worldAtEnd, withReport - withoutReport, workingSetAtStart),
        };
        GC.KeepAlive(world);
        return new Outcome(result, bound);
    }

    /// <summary>The engine's part of a run, in its own frame so that nothing of the engine outlives it but the report.</summary>
    private static async Task<SweepRun> SweepAsync(
        BenchOptions bench, SimulatedWorld world, PhasedClock clock, string managementAccountId, string name, int accounts, int maxAccountsInFlight)
    {
        // The one composition, as the hosts use it: each IAM request waits for the account's token, as on AWS.
        var services = EngineComposition.Compose(world.Ports, world.EngineOptions with { Resilience = bench.Resilience }, clock, new Random(bench.Seed));
        services = services with { Directory = new ListingSignal(services.Directory, clock.EndVirtualPhase) };
        var options = new RotationRunOptions
        {
            RunId = $"bench-{name}-{accounts}",
            AsOf = Workload.AsOf,
            Actor = "bench",
            ManagementAccountId = managementAccountId,
            MaxAccountsInFlight = maxAccountsInFlight,
            MaxUsersInFlight = bench.MaxUsersInFlight,
        };

        using var memory = MemorySampler.Start();
        var stopwatch = Stopwatch.StartNew();
        var started = clock.GetTimestamp();
        var report = await new OrganizationSweep(services).RunAsync(options, CancellationToken.None);
        var wall = clock.GetElapsedTime(started);
        stopwatch.Stop();
        return new SweepRun(report, wall, stopwatch.Elapsed, services.Retries?.Count ?? 0, memory.PeakHeapBytes,
            MemorySampler.PeakWorkingSetBytes, memory.PeakWorkingSetIsPerRun, memory.WorkingSetAtStartBytes);
    }

    private sealed record SweepRun(
        RunReport Report, TimeSpan Wall, TimeSpan Real, long Retries, long PeakHeapBytes, long PeakWorkingSetBytes, bool PeakWorkingSetIsPerRun,
        long WorkingSetAtStartBytes);

    internal static RunResult Measure(
        string name, bool isBulk, int accounts, int users, RunReport report, SimulationGate gate, IReadOnlyList<ServedCalls> served)
    {
        var processed = report.Accounts.Where(a => a.Status == AccountStatus.Processed).ToArray();
        var iamByAccount = served.Where(c => c.Service == OperationNames.Iam).GroupBy(c => c.AccountId)
            .ToDictionary(g => g.Key, g => g.ToArray());
        long BulkDiscovery(string accountId) => iamByAccount.GetValueOrDefault(accountId, [])
            .Where(c => c.Operation is OperationNames.GetAccountAuthorizationDetails
                or OperationNames.GenerateCredentialReport or OperationNames.GetCredentialReport)
            .Sum(c => c.Count);
        var iamTotal = processed.Sum(a => iamByAccount.GetValueOrDefault(a.AccountId, []).Sum(c => c.Count));
        var acted = processed.Sum(a => a.Actions.Select(r => r.UserName).Distinct(StringComparer.Ordinal).Count());
        var bulkDiscoveryTotal = processed.Sum(a => BulkDiscovery(a.AccountId));

        return new RunResult
        {
            Run = name,
            Accounts = accounts,
            UsersPerAccount = users,
            WallSeconds = 0,
            RealSeconds = 0,
            Processed = report.Summary.Processed,
            Failed = report.Summary.Failed,
            Skipped = report.Summary.Skipped,
            Deferred = report.Summary.Deferred,
            Actions = report.Accounts.SelectMany(a => a.Actions).Where(r => r.Outcome == AuditOutcome.Succeeded)
                .GroupBy(r => r.Action.ToString()).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count()),
            CallsByOperation = gate.CallsByOperation,
            ThrottledByOperation = gate.Cost!.ThrottledByOperation,
            Retries = 0,
            OrganizationsCalls = served.Where(c => c.Service == OperationNames.Organizations).Sum(c => c.Count),
            IamCallsPerAccount = processed.Length == 0 ? 0 : (double)iamTotal / processed.Length,
            MaxBulkDiscoveryCallsPerAccount = processed.Select(a => BulkDiscovery(a.AccountId)).DefaultIfEmpty(0).Max(),
            // Per-key discovery's per-user reads cannot be told apart from re-reads by operation name.
            IamCallsPerActedUser = !isBulk || acted == 0 ? null : (double)(iamTotal - bulkDiscoveryTotal) / acted,
            ActedUsers = acted,
            PeakHeapBytes = 0,
            PeakWorkingSetBytes = 0,
            Notes = Notes(report),
        };
    }

    private static string[] Notes(RunReport report)
    {
        var failed = report.Accounts.Where(a => a.Status == AccountStatus.Failed).ToArray();
        var noted = report.Accounts.Where(a => a.Notes.Count > 0).ToArray();
        var notes = new List<string>();
        if (failed.Length > 0)
        {
            notes.Add($"{failed.Length} accounts failed, e.g. {failed[0].AccountId}: {failed[0].Error}");
        }

        if (noted.Length > 0)
        {
            notes.Add($"{noted.Length} accounts with notes, e.g. {noted[0].AccountId}: {noted[0].Notes[0]}");
        }

        return [.. notes];
    }
}
