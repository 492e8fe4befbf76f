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
using KeyRotation.Simulation.Operations;
using KeyRotation.Simulation.Ports;

namespace KeyRotation.Bench.Scenarios;

/// <summary>
/// The full engine, as the Lambda would run it: OrganizationSweep over ports composed by EngineComposition (retry on
/// throttling, IAM pacing, breakers), a real run (not dry), on the simulated organization with latency and limits.
/// </summary>
internal static class OursScenario
{
    /// <param name="KeysBefore">Access keys per account and user before the run.</param>
    public sealed record Outcome(
        RunResult Result, RunReport Report, IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> KeysBefore, SimulatedIamOptions Iam,
        int WalkRequests);

    public static async Task<Outcome> RunAsync(BenchOptions bench, int accounts, DiscoveryMode mode, int? maxAccountsInFlight = null, string? run = null)
    {
        var organization = Workload.Generate(accounts, bench.UsersPerAccount, bench.Seed, bench.OrganizationalUnits);
        var walkRequests = OrganizationWalk.Requests(organization).Count;
        var keysBefore = Workload.KeysBefore(organization);
        var clock = new PhasedClock(Workload.AsOf, bench.TimeScale);
        var iam = new SimulatedIamOptions { ExistingReportAge = bench.ReportAge };
        var world = new SimulatedWorld(organization, clock, bench.Seed, iam: iam, costs: bench.Costs,
            discovery: new DiscoverySettings { Mode = mode });
        // The one composition, as the hosts use it: each IAM request waits for the account's token, as on AWS.
        var services = EngineComposition.Compose(world.Ports, world.EngineOptions with { Resilience = bench.Resilience }, clock, new Random(bench.Seed));
        services = services with { Directory = new ListingSignal(services.Directory, clock.EndVirtualPhase) };
        var name = run ?? (mode == DiscoveryMode.Bulk ? BenchOptions.OursBulk : BenchOptions.OursPerKey);
        var options = new RotationRunOptions
        {
            RunId = $"bench-{name}-{accounts}",
            AsOf = Workload.AsOf,
            Actor = "bench",
            ManagementAccountId = organization.ManagementAccountId,
            MaxAccountsInFlight = maxAccountsInFlight ?? bench.MaxAccountsInFlight,
            MaxUsersInFlight = bench.MaxUsersInFlight,
        };

        using var memory = MemorySampler.Start();
        var stopwatch = Stopwatch.StartNew();
        var started = clock.GetTimestamp();
        var report = await new OrganizationSweep(services).RunAsync(options, CancellationToken.None);
        var wall = clock.GetElapsedTime(started);
        stopwatch.Stop();

        var cost = world.Gate.Cost!;
        var served = cost.Served;
        var result = Measure(name, mode == DiscoveryMode.Bulk, accounts, bench.UsersPerAccount, report, world.Gate, served) with
        {
            WallSeconds = wall.TotalSeconds,
            ListingSeconds = clock.VirtualElapsed.TotalSeconds,
            RealSeconds = stopwatch.Elapsed.TotalSeconds,
            Retries = services.Retries?.Count ?? 0,
            PeakHeapBytes = memory.PeakHeapBytes,
            PeakWorkingSetBytes = MemorySampler.PeakWorkingSetBytes,
        };
        return new Outcome(result, report, keysBefore, iam, walkRequests);
    }

    internal static RunResult Measure(
        string name, bool isBulk, int accounts, int users, RunReport report, SimulationGate gate, IReadOnlyList<ServedCalls> served)
    {
        var processed = report.Accounts.Where(a => a.Status == AccountStatus.Processed).ToArray();
        var iamByAccount = served.Where(c => c.Service == SimulatedOperations.Iam).GroupBy(c => c.AccountId)
            .ToDictionary(g => g.Key, g => g.ToArray());
        long BulkDiscovery(string accountId) => iamByAccount.GetValueOrDefault(accountId, [])
            .Where(c => c.Operation is SimulatedOperations.GetAccountAuthorizationDetails
                or SimulatedOperations.GenerateCredentialReport or SimulatedOperations.GetCredentialReport)
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
            OrganizationsCalls = served.Where(c => c.Service == SimulatedOperations.Organizations).Sum(c => c.Count),
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
