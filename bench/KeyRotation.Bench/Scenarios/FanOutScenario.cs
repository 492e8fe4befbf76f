using System.Diagnostics;
using KeyRotation.Bench.Measuring;
using KeyRotation.Bench.Options;
using KeyRotation.Bench.Organization;
using KeyRotation.Engine.Discovery;
using KeyRotation.Engine.Organization;
using KeyRotation.Engine.Composition;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Resilience;
using KeyRotation.Engine.Sweep;
using KeyRotation.Simulation.Ports;
using KeyRotation.Engine.Runs;
using KeyRotation.Engine.Settings;

namespace KeyRotation.Bench.Scenarios;

/// <summary>
/// The Step Functions deployment (cloudformation/key-rotation.yaml, ExecutionMode=StepFunctions) modelled as the
/// Lambda host (Wiring/AwsEngine) runs it: one list-targets invocation (BeginFanOutAsync: the walk without the
/// accounts' tags), a Distributed Map running one rotate-account invocation per item (RotateAccountAsync: the account
/// read again from Organizations, then rotated) with at most <see cref="BenchOptions.FanOutConcurrency"/> at once,
/// each item paying <see cref="BenchOptions.ItemStartOverhead"/> before the function runs, and one summarize
/// invocation (FinishRunAsync). As in the host, each invocation composes its own engine (pipelines, breakers), every
/// invocation takes its Organizations turns from the one turns table at the whole rate (a DynamoDB round trip of the
/// audit table's latency each), or with <see cref="BenchOptions.Shares"/> paces alone at rate / MaxConcurrency
/// starting empty, and each of the
/// MaxConcurrency Lambda instances keeps what it learnt of OUs between its invocations (OrganizationUnitCache). An
/// invocation that throws a throttling or transient error is retried as the template's Retry says (4 more attempts,
/// 5 s doubling, full jitter), then caught and recorded Failed.
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
        var walkRequests = OrganizationWalk.Requests(organization, accountTags: false).Count;
        var clock = new PhasedClock(Workload.AsOf, bench.FanOutTimeScale);
        var iam = new SimulatedIamOptions { ExistingReportAge = bench.ReportAge };
        var world = new SimulatedWorld(organization, clock, bench.Seed, iam: iam, costs: bench.Costs,
            discovery: new DiscoverySettings { Mode = DiscoveryMode.Bulk });
        var retries = 0L;
        var invocations = 0;
        var turns = bench.FanOutPacing == BenchOptions.SharedTurns
            ? new InMemoryOrganizationsTurns(clock, bench.Costs.Audit.Latency)
            : null;

        // One invocation: its own engine, as Wiring/AwsEngine composes one per invocation; a rotate-account step paces
        // Organizations at its share and shares its instance's OU cache.
        (OrganizationSweep Sweep, Func<long> Retries) Invocation(Action? listed = null, OrganizationUnitCache? units = null, string? runId = null)
        {
            // The host's one pacing rule: a rotate-account step (it keeps OUs) at its share unless the turns are shared.
            var resilience = bench.Resilience with
            {
                RateLimits = new RunSettingValues { FanOutConcurrency = bench.FanOutConcurrency }
                    .Pacing(bench.Resilience.RateLimits, fanOutStep: units is not null, sharedTurns: turns is not null),
            };
            var services = EngineComposition.Compose(world.Ports with { OrganizationsTurns = turns }, world.EngineOptions with { Resilience = resilience }, clock,
                new Random(bench.Seed + Interlocked.Increment(ref invocations)));
            if (units is not null && services.Directory is OrganizationDirectory directory)
            {
                services = services with { Directory = directory.Sharing(units, runId!) };
            }

            var tally = services.Retries;
            return (new OrganizationSweep(listed is null ? services : services with { Directory = new ListingSignal(services.Directory, listed) }),
                () => tally?.Count ?? 0);
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
        var selection = await Invocation(clock.EndVirtualPhase).Sweep.BeginFanOutAsync(options, CancellationToken.None);
        clock.EndVirtualPhase();
        var listing = clock.GetElapsedTime(started);

        // The bound's best case: every OU read once for the whole map.
        var knownUnits = new HashSet<string>(StringComparer.Ordinal);
        var rereads = selection.Targets.ToDictionary(
            a => a.AccountId, a => OrganizationWalk.Reread(organization, a.AccountId, knownUnits).Count, StringComparer.Ordinal);

        // The map's Lambda instances: an item runs on a free one, which keeps its OU cache from item to item.
        var pool = new Stack<OrganizationUnitCache>(Enumerable.Range(0, bench.FanOutConcurrency).Select(_ => new OrganizationUnitCache()));
        using var slots = new SemaphoreSlim(bench.FanOutConcurrency);
        var jitter = new Random(bench.Seed + 7);
        var rotated = Task.WhenAll(selection.Targets.Select(async target =>
        {
            await slots.WaitAsync();
            OrganizationUnitCache instance;
            lock (pool) instance = pool.Pop();
            try
            {
                var (report, itemRetries) = await ItemAsync(
                    () => Invocation(units: instance, runId: options.RunId), target.AccountId, options, bench.ItemStartOverhead, clock, jitter);
                Interlocked.Add(ref retries, itemRetries);
                return report;
            }
            finally
            {
                lock (pool) pool.Push(instance);
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
        await Invocation().Sweep.FinishRunAsync(options, all.Select(AccountOutcome.Of), 0);
        var wall = clock.GetElapsedTime(started);
        stopwatch.Stop();

        var report = OrganizationSweep.Summarize(options, all, retries);
        var bound = LowerBound.FanOut(report, keysBefore, bench.Costs, iam, walkRequests, rereads,
            bench.FanOutConcurrency, bench.ItemStartOverhead);
        var result = OursScenario.Measure(BenchOptions.FanOut, true, accounts, bench.UsersPerAccount, report, world.Gate, world.Gate.Cost!.Served) with
        {
            WallSeconds = wall.TotalSeconds,
            WallNote = $"Distributed Map, MaxConcurrency {bench.FanOutConcurrency}, {(turns is null ? $"each rotate-account pacing Organizations at 1/{bench.FanOutConcurrency} of the rate" : $"every invocation taking Organizations turns from one table ({turns.Writes:N0} conditional writes)")}, {bench.ItemStartOverhead.TotalMilliseconds:0} ms per item before the function runs; time scale {bench.FanOutTimeScale}",
            ListingSeconds = listing.TotalSeconds,
            RealSeconds = stopwatch.Elapsed.TotalSeconds,
            Retries = retries,
            PeakHeapBytes = memory.PeakHeapBytes,
            PeakWorkingSetBytes = MemorySampler.PeakWorkingSetBytes,
            BoundSeconds = bound.Seconds,
        };
        return (result, bound);
    }

    /// <summary>
    /// One Map item: its start overhead, then a rotate-account invocation (a fresh engine each attempt, as each
    /// invocation is), retried by the state machine on throttling or transient errors.
    /// </summary>
    /// <returns>The account's report and the retries its invocations counted.</returns>
    private static async Task<(AccountReport Report, long Retries)> ItemAsync(
        Func<(OrganizationSweep Sweep, Func<long> Retries)> invocation, string accountId, RotationRunOptions options, TimeSpan overhead, TimeProvider clock, Random jitter)
    {
        var retries = 0L;
        for (var retry = 0; ; retry++)
        {
            await Task.Delay(overhead, clock);
            var (sweep, counted) = invocation();
            try
            {
                var report = await sweep.RotateAccountAsync(accountId, options, null, CancellationToken.None);
                return (report, retries + counted());
            }
            catch (Exception e) when (retry < StepRetries && e is ServiceException { IsRetryable: true })
            {
                retries += counted();
                double random;
                lock (jitter) random = jitter.NextDouble();
                await Task.Delay(StepRetryInterval * Math.Pow(2, retry) * random, clock);
            }
            catch (Exception e)
            {
                retries += counted();
                return (new AccountReport(accountId, "", AccountStatus.Failed, null, $"rotate-account invocation failed: {e.GetType().Name}", []), retries);
            }
        }
    }
}
