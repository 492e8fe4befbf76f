using System.Diagnostics;
using KeyRotation.Bench.Measuring;
using KeyRotation.Bench.Options;
using KeyRotation.Core.Facts;
using KeyRotation.Core.Planning;
using KeyRotation.Core.Policy;
using KeyRotation.Core.Tags;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Resilience;
using KeyRotation.Simulation.Discovery;
using KeyRotation.Simulation.Ports;

namespace KeyRotation.Bench.Scenarios;

/// <summary>
/// AWS's multi-account sample (aws-samples/aws-iam-access-key-auto-rotation, Lambda/account_inventory.zip and
/// access_key_auto_rotation.zip) against the same simulated world: the inventory function lists the organization
/// (ListAccounts, 20 a page; a page that fails after the SDK's retries ends the listing, logged, with the accounts
/// listed so far) and invokes the rotation function asynchronously once per ACTIVE account, one Invoke after
/// another. Each invocation assumes the member role and the central role (two AssumeRole), reads every user per key
/// (ListUsers, ListAccessKeys, GetAccessKeyLastUsed per key; here also ListUserTags, which the sample sends only
/// when ResourceOwnerTag is set), GetGroup for the exemption group, then performs the changes one after another: a
/// rotation is GetCallerIdentity, CreateAccessKey, DescribeSecret, PutSecretValue, GetUser, PutResourcePolicy,
/// GetUserPolicy; a deactivation UpdateAccessKey; a deletion DeleteAccessKey; then one notifier invocation
/// (charged as one SNS Publish). Every request goes through the SDK's standard retry (3 attempts, full-jitter
/// backoff from 100 ms) and nothing paces requests. An invocation that throws is retried by Lambda twice (1 and 2
/// minutes later), and Lambda runs at most <see cref="BenchOptions.PeerConcurrency"/> invocations at once. Our
/// planner makes the decisions, so both sides make the same changes.
/// </summary>
internal static class PeerScenario
{
    /// <summary>Lambda's asynchronous invocation retries after a function error (documented defaults: 2, about 1 then 2 minutes).</summary>
    public static readonly TimeSpan[] AsyncRetryDelays = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2)];

    public static async Task<RunResult> RunAsync(BenchOptions bench, int accounts)
    {
        var organization = Workload.Generate(accounts, bench.UsersPerAccount, bench.Seed, bench.OrganizationalUnits);
        var clock = new PhasedClock(Workload.AsOf, bench.PeerTimeScale);
        clock.EndVirtualPhase();
        var world = new SimulatedWorld(organization, clock, bench.Seed,
            iam: new SimulatedIamOptions { Discovery = DiscoveryMode.PerKey }, costs: bench.Costs);
        var tally = new RetryTally();
        var sdk = new SdkRetry(clock, new Random(bench.Seed), tally);
        var central = organization.ManagementAccountId;

        using var memory = MemorySampler.Start();
        var stopwatch = Stopwatch.StartNew();
        var started = clock.GetTimestamp();

        // The inventory function: its own AssumeRole, then ListAccounts page by page.
        var listed = new List<string>();
        var listingFailed = false;
        try
        {
            await sdk.SendAsync(() => world.Gate.PassAsync(SimulatedOperations.Sts, SimulatedOperations.AssumeRole, central, CancellationToken.None));
            var all = organization.Accounts.OrderBy(a => a.Id, StringComparer.Ordinal).ToArray();
            for (var page = 0; page * 20 < Math.Max(1, all.Length); page++)
            {
                await sdk.SendAsync(() => world.Gate.PassAsync(SimulatedOperations.Organizations, "ListAccounts", central, CancellationToken.None));
                listed.AddRange(all.Skip(page * 20).Take(20).Where(a => a.State == AccountState.Active).Select(a => a.Id));
            }
        }
        catch (ServiceException)
        {
            listingFailed = true;
        }

        // The planner reads the account's tags; taken from the model, since the sample reads none.
        var tagsById = organization.Accounts.ToDictionary(
            a => a.Id, a => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(a.Tags, StringComparer.Ordinal), StringComparer.Ordinal);
        using var concurrency = new SemaphoreSlim(bench.PeerConcurrency);
        var actions = new Dictionary<string, int>(StringComparer.Ordinal);
        var invocations = new List<Task<Outcome>>();
        foreach (var accountId in listed)
        {
            await Task.Delay(bench.InvokeLatency, clock);
            invocations.Add(InvocationAsync(world, clock, sdk, accountId, tagsById[accountId], bench, concurrency, actions));
        }

        var outcomes = await Task.WhenAll(invocations);
        var wall = clock.GetElapsedTime(started);
        stopwatch.Stop();

        var served = world.Gate.Cost!.Served;
        var iam = served.Where(c => c.Service == SimulatedOperations.Iam).Sum(c => c.Count);
        var notes = new List<string>();
        if (listingFailed)
        {
            notes.Add($"the listing failed after {listed.Count} accounts (ListAccounts throttled past the SDK's retries); the sample logs it and goes on with those: {organization.Accounts.Count - listed.Count} accounts never started");
        }

        return new RunResult
        {
            Run = BenchOptions.Peer,
            Accounts = accounts,
            UsersPerAccount = bench.UsersPerAccount,
            WallSeconds = wall.TotalSeconds,
            WallNote = $"one asynchronous invocation per account, {bench.InvokeLatency.TotalMilliseconds:0} ms per Invoke, {bench.ItemStartOverhead.TotalMilliseconds:0} ms before each runs; time scale {bench.PeerTimeScale}",
            RealSeconds = stopwatch.Elapsed.TotalSeconds,
            Processed = outcomes.Count(o => o.Succeeded),
            Failed = outcomes.Count(o => !o.Succeeded) + (organization.Accounts.Count(a => a.State == AccountState.Active) - listed.Count),
            FailedAttempts = outcomes.Count(o => o.Attempts > 1 || !o.Succeeded),
            Skipped = organization.Accounts.Count - listed.Count,
            Deferred = 0,
            Actions = actions.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(),
            CallsByOperation = world.Gate.CallsByOperation,
            ThrottledByOperation = world.Gate.Cost.ThrottledByOperation,
            Retries = tally.Count,
            OrganizationsCalls = served.Where(c => c.Service == SimulatedOperations.Organizations).Sum(c => c.Count),
            IamCallsPerAccount = listed.Count == 0 ? 0 : (double)iam / listed.Count,
            MaxBulkDiscoveryCallsPerAccount = 0,
            IamCallsPerActedUser = null,
            ActedUsers = 0,
            PeakHeapBytes = memory.PeakHeapBytes,
            PeakWorkingSetBytes = MemorySampler.PeakWorkingSetBytes,
            Notes = notes,
        };
    }

    private sealed record Outcome(bool Succeeded, int Attempts);

    /// <summary>One asynchronous invocation with Lambda's retries of a failed one.</summary>
    private static async Task<Outcome> InvocationAsync(
        SimulatedWorld world, TimeProvider clock, SdkRetry sdk, string accountId, IReadOnlyDictionary<string, string> tags, BenchOptions bench,
        SemaphoreSlim concurrency,
        Dictionary<string, int> actions)
    {
        for (var attempt = 1; ; attempt++)
        {
            await concurrency.WaitAsync();
            try
            {
                await Task.Delay(bench.ItemStartOverhead, clock);
                await RotateAsync(world, clock, sdk, accountId, tags, actions);
                return new Outcome(true, attempt);
            }
            catch (ServiceException) when (attempt <= AsyncRetryDelays.Length)
            {
            }
            catch (ServiceException)
            {
                return new Outcome(false, attempt);
            }
            finally
            {
                concurrency.Release();
            }

            await Task.Delay(AsyncRetryDelays[attempt - 1], clock);
        }
    }

    /// <summary>access_key_auto_rotation's lambda_handler for one account, one request after another.</summary>
    private static async Task RotateAsync(
        SimulatedWorld world, TimeProvider clock, SdkRetry sdk, string accountId, IReadOnlyDictionary<string, string> tags,
        Dictionary<string, int> actions)
    {
        var gate = world.Gate;
        var none = CancellationToken.None;
        var central = world.Organization.ManagementAccountId;
        var session = await sdk.SendAsync(() => world.AccountAccess.OpenAsync(accountId, none));
        await sdk.SendAsync(() => gate.PassAsync(SimulatedOperations.Sts, SimulatedOperations.AssumeRole, central, none));
        // One port call of the simulation (ListUsers, then per user ListUserTags, ListAccessKeys, GetAccessKeyLastUsed
        // per key), so a retry repeats all of it; sequential calls stay under an account's IAM rate, so none is throttled.
        var users = await sdk.SendAsync(() => session.Identity.DiscoverUsersAsync(none));
        // The exemption group (IAMExemptionGroup defaults to a name): one GetGroup, NoSuchEntity caught when absent.
        await sdk.SendAsync(() => gate.PassAsync(SimulatedOperations.Iam, "GetGroup", accountId, none));
        var changed = false;
        foreach (var user in users)
        {
            var plan = RotationPlanner.Plan(new PlanningInput(user, tags, RotationPolicy.Default, TagConventions.Default, Workload.AsOf));
            foreach (var action in plan.Actions.Where(a => a.IsMutation))
            {
                switch (action.Action)
                {
                    case ActionKind.CreateKey:
                        // GetCallerIdentity is metered in the member account, not by the central account's STS bucket.
                        await Task.Delay(gate.Cost!.Options.Sts.Latency, clock);
                        var key = await sdk.SendAsync(() => session.Identity.CreateAccessKeyAsync(user.UserName, none));
                        await sdk.SendAsync(() => session.Secrets.DescribeAsync(user.UserName, none));
                        await sdk.SendAsync(() => session.Secrets.StoreAccessKeyAsync(user.UserName, key, none));
                        await sdk.SendAsync(() => gate.PassAsync(SimulatedOperations.Iam, SimulatedOperations.GetUser, accountId, none));
                        await sdk.SendAsync(() => gate.PassAsync(SimulatedOperations.SecretsManager, "PutResourcePolicy", accountId, none));
                        await sdk.SendAsync(() => gate.PassAsync(SimulatedOperations.Iam, "GetUserPolicy", accountId, none));
                        break;
                    case ActionKind.DeactivateKey:
                        await sdk.SendAsync(async () =>
                        {
                            await session.Identity.UpdateAccessKeyStatusAsync(user.UserName, action.AccessKeyId!, AccessKeyStatus.Inactive, none);
                            return true;
                        });
                        break;
                    default:
                        await sdk.SendAsync(async () =>
                        {
                            await session.Identity.DeleteAccessKeyAsync(user.UserName, action.AccessKeyId!, none);
                            return true;
                        });
                        break;
                }

                changed = true;
                lock (actions)
                {
                    actions[action.Action.ToString()] = actions.GetValueOrDefault(action.Action.ToString()) + 1;
                }
            }
        }

        if (changed)
        {
            // The notifier function's invocation, charged as one message.
            await sdk.SendAsync(() => gate.PassAsync(SimulatedOperations.Sns, SimulatedOperations.Publish, central, none));
        }
    }
}
