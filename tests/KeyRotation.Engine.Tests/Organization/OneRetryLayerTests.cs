using KeyRotation.Engine.Composition;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Resilience.Retry;
using KeyRotation.Engine.Resilience;
using KeyRotation.Engine.Runs;
using KeyRotation.Engine.Tests.FaultSuite;
using KeyRotation.Simulation.Faults;
using KeyRotation.Simulation.Model;
using KeyRotation.Simulation.Ports;
using Microsoft.Extensions.Time.Testing;

namespace KeyRotation.Engine.Tests.Organization;

/// <summary>
/// Through the simulation: an Organizations or SNS operation whose every request is throttled is sent exactly
/// 1 + MaxRetryAttempts times, then the throttling surfaces. Nothing below the engine's pipeline retries (the
/// simulation has no retry of its own) and nothing above it restarts the walk.
/// </summary>
public sealed class OneRetryLayerTests
{
    private static SimulatedOrganization Organization()
    {
        var organization = new SimulatedOrganization { ManagementAccountId = "111111111111" };
        organization.OrganizationalUnits.Add(new SimulatedOrganizationalUnit { Id = "ou-prod", Name = "Prod", ParentId = "r-root" });
        organization.Accounts.Add(new SimulatedAccount { Id = "222222222222", Name = "Web", ParentId = "ou-prod" });
        organization.Accounts.Add(new SimulatedAccount { Id = "333333333333", Name = "Data", ParentId = "r-root" });
        return organization;
    }

    private static (SimulatedWorld World, KeyRotation.Engine.Runs.RotationServices Services, RetryTally Tally) Wrapped(int maxRetries, FaultRule rule)
    {
        var faults = new RuleBasedFaultSource();
        faults.Add(rule);
        var world = new SimulatedWorld(Organization(), new FakeTimeProvider(DateTimeOffset.UnixEpoch), seed: 1, [faults]);
        var options = new ResilienceOptions { Retry = new RetryOptions { MaxRetryAttempts = maxRetries } };
        var services = EngineComposition.Compose(world.Ports, world.EngineOptions with { Resilience = options }, world.Time, new Random(1), new InstantWaits());
        return (world, services, services.Retries!);
    }

    [Theory]
    [InlineData("ListRoots", 0)]
    [InlineData("ListOrganizationalUnitsForParent", 3)]
    [InlineData("ListAccountsForParent", 6)]
    [InlineData("ListTagsForResource", 2)]
    public async Task ListAccounts_OneOperationAlwaysThrottled_AttemptedOncePlusMaxRetriesThenThrottling(string operation, int maxRetries)
    {
        var (world, services, tally) = Wrapped(maxRetries, FaultRule.Always("organizations", operation, kind: FailureKind.Throttling));

        var error = await Assert.ThrowsAsync<ServiceException>(() => services.Directory.ListAccountsAsync(CancellationToken.None));

        Assert.Equal((FailureKind.Throttling, operation), (error.Kind, error.Operation));
        Assert.Equal(1 + maxRetries, world.Gate.CallsTo(operation));
        Assert.Equal((long)maxRetries, tally.Count);
    }

    [Theory]
    [InlineData("DescribeAccount", 4)]
    [InlineData("ListParents", 1)]
    public async Task DescribeAccount_OneOperationAlwaysThrottled_AttemptedOncePlusMaxRetries(string operation, int maxRetries)
    {
        var (world, services, _) = Wrapped(maxRetries, FaultRule.Always("organizations", operation, kind: FailureKind.Throttling));

        await Assert.ThrowsAsync<ServiceException>(() => services.Directory.DescribeAccountAsync("222222222222", CancellationToken.None));

        Assert.Equal(1 + maxRetries, world.Gate.CallsTo(operation));
    }

    [Fact]
    public async Task ListAccounts_EachRequestThrottledOnce_EveryAccountListedWithOneRetryPerRequest()
    {
        var (world, services, tally) = Wrapped(6, FaultRule.OnCall("organizations", "ListTagsForResource", null, FailureKind.Throttling, 1, 3, 5));

        var accounts = await services.Directory.ListAccountsAsync(CancellationToken.None);

        Assert.Equal(["222222222222", "333333333333"], accounts.Select(a => a.AccountId));
        Assert.Equal(AccountState.Active, accounts[0].State);
        // Three tag reads (ou-prod, 333333333333, 222222222222), each throttled once: six requests, three retries, the walk not restarted.
        Assert.Equal((6L, 3L, 1L), (world.Gate.CallsTo("ListTagsForResource"), tally.Count, world.Gate.CallsTo("ListRoots")));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public async Task Publish_AlwaysThrottled_AttemptedOncePlusMaxRetriesThenThrottling(int maxRetries)
    {
        var (world, services, tally) = Wrapped(maxRetries, FaultRule.Always("sns", "Publish", kind: FailureKind.Throttling));

        var error = await Assert.ThrowsAsync<ServiceException>(() =>
            services.Notifier.PublishAsync(new Notification("s", "m", new Dictionary<string, string> { ["event"] = "KeyCreated" }), CancellationToken.None));

        Assert.Equal(FailureKind.Throttling, error.Kind);
        Assert.Equal(1 + maxRetries, world.Gate.CallsTo("Publish"));
        Assert.Equal((long)maxRetries, tally.Count);
        Assert.Empty(world.Sns.Published);
    }
}
