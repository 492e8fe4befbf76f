using System.Diagnostics;
using KeyRotation.Bench.Measuring;
using KeyRotation.Bench.Options;
using KeyRotation.Bench.Organization;
using KeyRotation.Engine.Discovery;
using KeyRotation.Engine.Composition;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Resilience;
using KeyRotation.Engine.Sweep;
using KeyRotation.Simulation.Ports;
using KeyRotation.Engine.Runs;

namespace KeyRotation.Bench.Scenarios;

/// <summary>
/// The Step Functions deployment (cloudformation/key-rotation.yaml, ExecutionMode=StepFunctions) modelled: one
/// list-targets invocation (BeginRunAsync), a Distributed Map running one rotate-account invocation per target
/// (RotateAccountAsync: the account read again from Organizations, then rotated) with at most
/// <see cref="BenchOptions.FanOutConcurrency"/> at once, each item paying <see cref="BenchOptions.ItemStartOverhead"/>
/// before the function runs, and one summarize invocation (FinishRunAsync). Lambda instances are modelled as a pool
/// of that many: each has its own services (client-side pacing, breakers, OU-tag cache), as separate execution
/// environments do. An invocation that throws a throttling or transient error is retried as the template's Retry
/// says (4 more attempts, 5 s doubling, full jitter), then caught and recorded Failed.
/// </summary>
internal static class FanOutScenario
{
    /// <summary>The template's rotate-account Retry: MaxAttempts 4 (after the first), IntervalSeconds 5, BackoffRate 2, full jitter.</summary>
    public const int StepRetries = 4;

    public static readonly TimeSpan StepRetryInterval = TimeSpan.FromSeconds(5);

    public static async Task<(RunResult Result, LowerBound Bound)> RunAsync(BenchOptions bench, int accounts)
    {
        var organization = Workload.Generate(accounts, bench.UsersPerAccount, bench.Seed, bench.OrganizationalUnits);
        var keysBefore = Workload.KeysBefore(organization);
        var walkRequests = OrganizationWalk.Requests(organization).Count;
        var knownUnits = new HashSet<string>(StringComparer.Ordinal);
        var rereads = organization.Accounts.ToDictionary(
            a => a.Id, a => OrganizationWalk.Reread(organization, a.Id, knownUnits).Count, StringComparer.Ordinal);
        var clock = new PhasedClock(Workload.AsOf, bench.FanOutTimeScale);
        var iam = new SimulatedIamOptions { ExistingReportAge = bench.ReportAge };
        var world = new SimulatedWorld(organization, clock, bench.Seed, iam: iam, costs: bench.Costs,
            discovery: new DiscoverySettings { Mode = DiscoveryMode.Bulk });
        var instances = new List<RotationServices>();
        // A Lambda instance: its own pipelines (IAM pacing per account, breakers) and directory (OU-tag cache), as an
        // execution environment has; an account is rotated by one item at a time, so its IAM pacing is one instance's.
        OrganizationSweep Instance(int i, Action? listed = null)
        {
            var services = EngineComposition.Compose(world.Ports, world.EngineOptions with { Resilience = bench.Resilience }, clock, new Random(bench.Seed + i));
            lock (instances) instances.Add(services);
            return new OrganizationSweep(listed is null ? services : services with { Directory = new ListingSignal(services.Directory, listed) });
        }

        var options = new RotationRunOptions
        {
            RunId = $"bench-{BenchOptions.FanOut}-{accounts}",
            AsOf = Workload.AsOf,
            Actor = "bench",
            ManagementAccountId = organization.ManagementAccountId,
            MaxUsersInFlight = bench.MaxUsersInFlight,
        };

        using var memory = MemorySampler.Start();
        var stopwatch = Stopwatch.StartNew();
        var started = clock.GetTimestamp();
        await Task.Delay(bench.ItemStartOverhead, clock);
        var selection = await Instance(0, clock.EndVirtualPhase).BeginRunAsync(options, CancellationToken.None);
        clock.EndVirtualPhase();
        var listing = clock.GetElapsedTime(started);

        var pool = new Stack<OrganizationSweep>(Enumerable.Range(1, bench.FanOutConcurrency).Select(i => Instance(i)));
        using var slots = new SemaphoreSlim(bench.FanOutConcurrency);
        var jitter = new Random(bench.Seed + 7);
        var rotated = Task.WhenAll(selection.Targets.Select(async target =>
        {
            await slots.WaitAsync();
            OrganizationSweep sweep;
            lock (pool) sweep = pool.Pop();
            try
            {
                return await ItemAsync(sweep, target.AccountId, options, bench.ItemStartOverhead, clock, jitter);
            }
            finally
            {
                lock (pool) pool.Push(sweep);
                slots.Release();
            }
        }));

        // list-targets answers the skipped accounts too; their items answer Skipped at once, after the start overhead.
        var skippedItems = Task.WhenAll(selection.Skipped.Select(async _ =>
        {
            await slots.WaitAsync();
            try
            {
                await Task.Delay(bench.ItemStartOverhead, clock);
            }
            finally
            {
                slots.Release();
            }
        }));
        await Task.WhenAll(rotated, skippedItems);
        var reports = await rotated;

        await Task.Delay(bench.ItemStartOverhead, clock);
        var all = selection.Skipped.Concat(reports).ToArray();
        await Instance(bench.FanOutConcurrency + 1).FinishRunAsync(options, all.Select(AccountOutcome.Of), 0);
        var wall = clock.GetElapsedTime(started);
        stopwatch.Stop();

        var report = OrganizationSweep.Summarize(options, all, instances.Sum(s => s.Retries?.Count ?? 0));
        var bound = LowerBound.FanOut(report, keysBefore, bench.Costs, iam, walkRequests, rereads,
            bench.FanOutConcurrency, bench.ItemStartOverhead);
        var result = OursScenario.Measure(BenchOptions.FanOut, true, accounts, bench.UsersPerAccount, report, world.Gate, world.Gate.Cost!.Served) with
        {
            WallSeconds = wall.TotalSeconds,
            WallNote = $"Distributed Map, MaxConcurrency {bench.FanOutConcurrency}, {bench.ItemStartOverhead.TotalMilliseconds:0} ms per item before the function runs; time scale {bench.FanOutTimeScale}",
            ListingSeconds = listing.TotalSeconds,
            RealSeconds = stopwatch.Elapsed.TotalSeconds,
            Retries = instances.Sum(s => s.Retries?.Count ?? 0),
            PeakHeapBytes = memory.PeakHeapBytes,
            PeakWorkingSetBytes = MemorySampler.PeakWorkingSetBytes,
            BoundSeconds = bound.Seconds,
        };
        return (result, bound);
    }

    /// <summary>One Map item: its start overhead, then rotate-account, retried by the state machine on throttling or transient errors.</summary>
    private static async Task<AccountReport> ItemAsync(
        OrganizationSweep sweep, string accountId, RotationRunOptions options, TimeSpan overhead, TimeProvider clock, Random jitter)
    {
        for (var retry = 0; ; retry++)
        {
            await Task.Delay(overhead, clock);
            try
            {
                return await sweep.RotateAccountAsync(accountId, options, null, CancellationToken.None);
            }
            catch (Exception e) when (retry < StepRetries && e is ServiceException { IsRetryable: true })
            {
                double random;
                lock (jitter) random = jitter.NextDouble();
                await Task.Delay(StepRetryInterval * Math.Pow(2, retry) * random, clock);
            }
            catch (Exception e)
            {
                return new AccountReport(accountId, "", AccountStatus.Failed, null, $"rotate-account invocation failed: {e.GetType().Name}", []);
            }
        }
    }
}
