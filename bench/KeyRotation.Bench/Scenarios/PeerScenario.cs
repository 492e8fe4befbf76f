using System.Diagnostics;
using System.Text.Json.Nodes;
using KeyRotation.Bench.Measuring;
using KeyRotation.Bench.Options;
using KeyRotation.Core.Facts;
using KeyRotation.Core.Planning;
using KeyRotation.Core.Policy;
using KeyRotation.Core.Tags;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Iam;
using KeyRotation.Engine.Ports.SecretsManager;
using KeyRotation.Engine.Resilience;
using KeyRotation.Simulation.Ports;
using KeyRotation.Engine.Runs;

namespace KeyRotation.Bench.Scenarios;

/// <summary>
/// AWS's multi-account sample (aws-samples/aws-iam-access-key-auto-rotation, Lambda/account_inventory.zip and
/// access_key_auto_rotation.zip) against the same simulated world: the inventory function lists the organization
/// (ListAccounts, 20 a page; a page that fails after the SDK's retries ends the listing, logged, with the accounts
/// listed so far) and invokes the rotation function asynchronously once per ACTIVE account, one Invoke after
/// another. Each invocation assumes the member role and the central role (two AssumeRole), reads every user per key
/// (the first page of ListUsers, ListAccessKeys, GetAccessKeyLastUsed per key; here also ListUserTags, which the sample sends only
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
        var world = new SimulatedWorld(organization, clock, bench.Seed, costs: bench.Costs);
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
            await sdk.SendAsync(() => world.Gate.PassAsync(OperationNames.Sts, OperationNames.AssumeRole, central, CancellationToken.None));
            var all = organization.Accounts.OrderBy(a => a.Id, StringComparer.Ordinal).ToArray();
            for (var page = 0; page * 20 < Math.Max(1, all.Length); page++)
            {
                await sdk.SendAsync(() => world.Gate.PassAsync(OperationNames.Organizations, "ListAccounts", central, CancellationToken.None));
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
        var iam = served.Where(c => c.Service == OperationNames.Iam).Sum(c => c.Count);
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
            OrganizationsCalls = served.Where(c => c.Service == OperationNames.Organizations).Sum(c => c.Count),
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

    /// <summary>access_key_auto_rotation's lambda_handler for one account, one request after another, each through the SDK's retry.</summary>
    private static async Task RotateAsync(
        SimulatedWorld world, TimeProvider clock, SdkRetry sdk, string accountId, IReadOnlyDictionary<string, string> tags,
        Dictionary<string, int> actions)
    {
        var gate = world.Gate;
        var none = CancellationToken.None;
        var central = world.Organization.ManagementAccountId;
        var member = await sdk.SendAsync(() => world.Sts.AssumeRoleAsync(accountId, none));
        await sdk.SendAsync(() => gate.PassAsync(OperationNames.Sts, OperationNames.AssumeRole, central, none));
        var (iam, secrets) = (member.Iam, member.SecretsManager);
        var users = await DiscoverAsync(iam, sdk);
        // The exemption group (IAMExemptionGroup defaults to a name): one GetGroup, NoSuchEntity caught when absent.
        await sdk.SendAsync(() => gate.PassAsync(OperationNames.Iam, "GetGroup", accountId, none));
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
                        var key = await sdk.SendAsync(() => iam.CreateAccessKeyAsync(user.UserName, none));
                        // One secret per user: DescribeSecret, then PutSecretValue (CreateSecret the first time).
                        var token = $"{accountId}-{key.AccessKeyId}";
                        var value = new SecretText(new JsonObject
                        {
                            ["AccessKeyId"] = key.AccessKeyId,
                            ["SecretAccessKey"] = key.SecretAccessKey.Reveal(),
                        }.ToJsonString());
                        var existing = await sdk.SendAsync(() => secrets.DescribeSecretAsync(user.UserName, none));
                        var arn = existing is null
                            ? await sdk.SendAsync(() => secrets.CreateSecretAsync(
                                new NewSecret(user.UserName, "access key", value, token, new Dictionary<string, string>(), null), none))
                            : await sdk.SendAsync(() => secrets.PutSecretValueAsync(existing.Arn, value, token, none));
                        await sdk.SendAsync(() => iam.GetUserAsync(user.UserName, none));
                        await sdk.SendAsync(async () =>
                        {
                            await secrets.PutResourcePolicyAsync(arn, "{}", none);
                            return true;
                        });
                        await sdk.SendAsync(() => gate.PassAsync(OperationNames.Iam, "GetUserPolicy", accountId, none));
                        break;
                    case ActionKind.DeactivateKey:
                        await sdk.SendAsync(async () =>
                        {
                            await iam.UpdateAccessKeyAsync(user.UserName, action.AccessKeyId!, AccessKeyStatus.Inactive, none);
                            return true;
                        });
                        break;
                    default:
                        await sdk.SendAsync(async () =>
                        {
                            await iam.DeleteAccessKeyAsync(user.UserName, action.AccessKeyId!, none);
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
            await sdk.SendAsync(() => gate.PassAsync(OperationNames.Sns, OperationNames.Publish, central, none));
        }
    }

    /// <summary>
    /// The sample's discovery on the IAM operations: the first page of ListUsers only (it does not follow the marker),
    /// then per user ListUserTags, ListAccessKeys and GetAccessKeyLastUsed per key (first pages: a user has at most
    /// two keys and the sample's tags fit one page). Each request is retried on its own, as the SDK does.
    /// </summary>
    private static async Task<IReadOnlyList<UserFacts>> DiscoverAsync(IIamOperations iam, SdkRetry sdk)
    {
        var none = CancellationToken.None;
        var listed = await sdk.SendAsync(() => iam.ListUsersAsync(null, none));
        var users = new List<UserFacts>(listed.Items.Count);
        foreach (var user in listed.Items)
        {
            var tags = await sdk.SendAsync(() => iam.ListUserTagsAsync(user.UserName, null, none));
            var keys = await sdk.SendAsync(() => iam.ListAccessKeysAsync(user.UserName, null, none));
            var facts = new List<AccessKeyFacts>(keys.Items.Count);
            foreach (var key in keys.Items)
            {
                var use = await sdk.SendAsync(() => iam.GetAccessKeyLastUsedAsync(key.AccessKeyId, none));
                facts.Add(new AccessKeyFacts(key.AccessKeyId, key.Status, key.CreatedAt, use.LastUsedAt, key.DeactivatedByToolAt));
            }

            users.Add(new UserFacts(user.UserName, tags.Items.ToDictionary(StringComparer.Ordinal), facts, user.Path));
        }

        return users;
    }
}
