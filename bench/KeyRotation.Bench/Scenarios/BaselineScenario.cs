using System.Diagnostics;
using KeyRotation.Bench.Measuring;
using KeyRotation.Bench.Options;
using KeyRotation.Core.Facts;
using KeyRotation.Core.Planning;
using KeyRotation.Core.Policy;
using KeyRotation.Core.Tags;
using KeyRotation.Core.Targeting;
using KeyRotation.Engine.Composition;
using KeyRotation.Engine.Discovery;
using KeyRotation.Engine.Ports;
using KeyRotation.Simulation.Ports;

namespace KeyRotation.Bench.Scenarios;

/// <summary>
/// The reference algorithm stretched over the organization: one account after another, one call after another,
/// per-key discovery (ListUsers, ListUserTags, ListAccessKeys, GetAccessKeyLastUsed per key), then each change with
/// one SNS message (the reference mails the new secret), no re-read, no audit trail, no Secrets Manager. It makes
/// our planner's decisions, so both sides do the same changes. Being sequential it runs on a virtual clock (exactly
/// the sum of its latencies) over a sample of accounts, extrapolated linearly.
/// </summary>
internal static class BaselineScenario
{
    private const int MaxRetries = 6;

    public static async Task<RunResult> RunAsync(BenchOptions bench, int accounts)
    {
        var organization = Workload.Generate(accounts, bench.UsersPerAccount, bench.Seed, bench.OrganizationalUnits);
        var clock = new VirtualClock(Workload.AsOf);
        var world = new SimulatedWorld(organization, clock, bench.Seed, costs: bench.Costs,
            discovery: new DiscoverySettings { Mode = DiscoveryMode.PerKey });
        using var memory = MemorySampler.Start();
        var stopwatch = Stopwatch.StartNew();

        // Stretched over the organization, the reference must list it: the engine's walk, paced and retried per request.
        var directory = EngineComposition.Compose(world.Ports, world.EngineOptions with { Resilience = bench.Resilience }, clock, new Random(bench.Seed)).Directory;
        var listed = await directory.ListAccountsAsync(CancellationToken.None);
        var targets = listed.Where(a => AccountSelector.Evaluate(a, AccountTargeting.All, TagConventions.Default) is null)
            .OrderBy(a => a.AccountId, StringComparer.Ordinal).ToArray();
        var sample = Sample(targets, bench.BaselineSample);
        var listing = clock.Elapsed;
        var actions = new Dictionary<string, int>(StringComparer.Ordinal);
        var failed = 0;
        foreach (var account in sample)
        {
            failed += await RotateAsync(world, clock, account, actions);
        }

        stopwatch.Stop();
        var perAccount = sample.Length == 0 ? TimeSpan.Zero : (clock.Elapsed - listing) / sample.Length;
        return new RunResult
        {
            Run = BenchOptions.Baseline,
            Accounts = accounts,
            UsersPerAccount = bench.UsersPerAccount,
            WallSeconds = (listing + (perAccount * targets.Length)).TotalSeconds,
            WallNote = sample.Length == targets.Length
                ? $"sequential; all {targets.Length} target accounts on a virtual clock (sum of latencies)"
                : $"sequential; {sample.Length} of {targets.Length} target accounts on a virtual clock (sum of latencies), extrapolated linearly",
            RealSeconds = stopwatch.Elapsed.TotalSeconds,
            Processed = sample.Length,
            Failed = 0,
            Skipped = listed.Count - targets.Length,
            Deferred = 0,
            Actions = actions.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(),
            CallsByOperation = world.Gate.CallsByOperation,
            ThrottledByOperation = world.Gate.Cost!.ThrottledByOperation,
            Retries = 0,
            IamCallsPerAccount = sample.Length == 0 ? 0
                : (double)world.Gate.Cost.Served.Where(c => c.Service == OperationNames.Iam).Sum(c => c.Count) / sample.Length,
            MaxBulkDiscoveryCallsPerAccount = 0,
            IamCallsPerActedUser = null,
            ActedUsers = 0,
            PeakHeapBytes = memory.PeakHeapBytes,
            PeakWorkingSetBytes = MemorySampler.PeakWorkingSetBytes,
            Notes = failed == 0 ? [] : [$"{failed} changes refused (e.g. key limit) and skipped, as the reference does"],
        };
    }

    /// <summary>Every k-th target, so the sample spreads over the organization's id range.</summary>
    private static AccountFacts[] Sample(AccountFacts[] targets, int size)
    {
        if (size == 0 || size >= targets.Length)
        {
            return targets;
        }

        var stride = (double)targets.Length / size;
        return Enumerable.Range(0, size).Select(i => targets[(int)(i * stride)]).ToArray();
    }

    /// <returns>Changes refused.</returns>
    private static async Task<int> RotateAsync(SimulatedWorld world, VirtualClock clock, AccountFacts account, Dictionary<string, int> actions)
    {
        var session = await RetryAsync(clock, () => world.AccountAccess.OpenAsync(account.AccountId, CancellationToken.None));
        var users = await RetryAsync(clock, () => session.Identity.DiscoverUsersAsync(CancellationToken.None));
        var refused = 0;
        foreach (var user in users)
        {
            var plan = RotationPlanner.Plan(new PlanningInput(user, account.Tags, RotationPolicy.Default, TagConventions.Default, Workload.AsOf));
            foreach (var action in plan.Actions.Where(a => a.IsMutation))
            {
                try
                {
                    await ChangeAsync(world, clock, session.Identity, user.UserName, action);
                    actions[action.Action.ToString()] = actions.GetValueOrDefault(action.Action.ToString()) + 1;
                }
                catch (ServiceException)
                {
                    refused++;
                }
            }
        }

        return refused;
    }

    private static async Task ChangeAsync(
        SimulatedWorld world, VirtualClock clock, IIdentityStore identity, string userName, PlannedAction action)
    {
        switch (action.Action)
        {
            case ActionKind.CreateKey:
                await RetryAsync(clock, () => identity.CreateAccessKeyAsync(userName, CancellationToken.None));
                break;
            case ActionKind.DeactivateKey:
                await RetryAsync(clock, async () =>
                {
                    await identity.UpdateAccessKeyStatusAsync(userName, action.AccessKeyId!, AccessKeyStatus.Inactive, CancellationToken.None);
                    return true;
                });
                break;
            default:
                await RetryAsync(clock, async () =>
                {
                    await identity.DeleteAccessKeyAsync(userName, action.AccessKeyId!, CancellationToken.None);
                    return true;
                });
                break;
        }

        var message = new Notification($"{action.Action} for {userName}", action.Detail, new Dictionary<string, string>());
        await RetryAsync(clock, async () =>
        {
            await world.Notifier.PublishAsync(message, CancellationToken.None);
            return true;
        });
    }

    /// <summary>Throttling and transient errors retried with exponential backoff on the virtual clock.</summary>
    private static async Task<T> RetryAsync<T>(VirtualClock clock, Func<Task<T>> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (ServiceException e) when (e.IsRetryable && attempt < MaxRetries)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt)), clock);
            }
        }
    }
}
