using System.Diagnostics.CodeAnalysis;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Resilience;
using KeyRotation.Simulation.Ports;

namespace KeyRotation.Bench.Organization;

/// <summary>
/// Stand-in until the engine's organization walk runs over the simulated Organizations operations (branch
/// <c>org</c>): the simulated directory answers a listing with one gate pass, so this decorator first sends every
/// request the AWS adapter's walk sends (<see cref="OrganizationWalk"/>) through the gate, paced per request by the
/// engine's client-side Organizations limit and retried per request on throttling (full jitter, the engine's retry
/// options), as the engine will. One instance is one process (a CLI run or one Lambda instance): its pacing bucket and
/// its OU-tag cache are its own.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "TimeTokenBucket computes tokens from elapsed time: no timer, nothing to release")]
internal sealed class ChargedOrganizationDirectory : IOrganizationDirectory
{
    private readonly IOrganizationDirectory inner;
    private readonly SimulatedWorld world;
    private readonly RetryOptions retry;
    private readonly TimeProvider time;
    private readonly Random random;
    private readonly RetryTally tally;
    private readonly TimeTokenBucket pacing;
    private readonly HashSet<string> knownUnits = new(StringComparer.Ordinal);
    private readonly Action? listed;

    /// <param name="listed">Called once the listing is done (the benchmark ends the clock's virtual phase there).</param>
    public ChargedOrganizationDirectory(
        IOrganizationDirectory inner, SimulatedWorld world, ResilienceOptions resilience, TimeProvider time, Random random,
        RetryTally tally, Action? listed = null)
    {
        this.inner = inner;
        this.world = world;
        retry = resilience.Retry;
        this.time = time;
        this.random = random;
        this.tally = tally;
        this.listed = listed;
        pacing = new TimeTokenBucket(
            resilience.RateLimits.OrganizationsRequestsPerSecond, resilience.RateLimits.OrganizationsBurst, time);
    }

    public async Task<IReadOnlyList<AccountFacts>> ListAccountsAsync(CancellationToken cancellationToken)
    {
        foreach (var operation in OrganizationWalk.Requests(world.Organization))
        {
            await SendAsync(operation, cancellationToken);
        }

        // The simulated directory's own pass (one ListAccounts) comes on top: one request more than the walk.
        var accounts = await inner.ListAccountsAsync(cancellationToken);
        listed?.Invoke();
        return accounts;
    }

    public async Task<AccountFacts?> DescribeAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> requests;
        lock (knownUnits)
        {
            requests = OrganizationWalk.Reread(world.Organization, accountId, knownUnits);
        }

        // The first, DescribeAccount, is the simulated directory's own pass.
        foreach (var operation in requests.Skip(1))
        {
            await SendAsync(operation, cancellationToken);
        }

        return await inner.DescribeAccountAsync(accountId, cancellationToken);
    }

    private async Task SendAsync(string operation, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using (await pacing.AcquireAsync(1, cancellationToken))
            {
            }

            try
            {
                await world.Gate.PassAsync(SimulatedOperations.Organizations, operation, world.Organization.ManagementAccountId, cancellationToken);
                return;
            }
            catch (ServiceException e) when (e.IsRetryable && attempt <= retry.MaxRetryAttempts)
            {
                tally.Add();
                double jitter;
                lock (random) jitter = random.NextDouble();
                await Task.Delay(FullJitterBackoff.Delay(attempt - 1, retry.BaseDelay, retry.MaxDelay, jitter), time, cancellationToken);
            }
        }
    }
}
