using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;
using KeyRotation.Simulation.Faults;
using KeyRotation.Simulation.Model;
using static KeyRotation.Engine.Ports.OperationNames;
using static KeyRotation.Testing.Discovery.DiscoveryWorld;

namespace KeyRotation.Engine.Tests.Discovery;

public sealed class BulkDiscoveryTests
{
    private static readonly DiscoveryCase Bulk = new(DiscoveryMode.Bulk);

    [Fact]
    public async Task DiscoverUsersAsync_Bulk_AFewAccountWideCallsHoweverManyUsers()
    {
        var users = Enumerable.Range(0, 250).Select(i => User($"user{i:000}", Key($"AKIAUSER{i:000}00000000", 100, 1))).ToArray();
        var world = Bulk.World(users);

        var discovered = await world.DiscoverAsync();

        Assert.Equal(250, discovered.Count);
        Assert.Equal(
            new Dictionary<string, long> { [GetAccountAuthorizationDetails] = 3, [GenerateCredentialReport] = 1, [GetCredentialReport] = 1 },
            world.IamCalls);
    }

    [Fact]
    public async Task DiscoverUsersAsync_Bulk_KeysFromTheReportByPlaceholderAndUnconfirmed()
    {
        var world = Bulk.World(
            User("alice", Key("AKIAALICEEXAMPLE0OLD", 200, 30, AccessKeyStatus.Inactive), Key("AKIAALICEEXAMPLE0NEW", 20, null)));
        world.Account.Users[0].AccessKeys[0].DeactivatedByToolAt = Now.AddDays(-2);

        var discovered = await world.DiscoverAsync();

        var alice = Assert.Single(discovered);
        Assert.False(discovered.IsConfirmed("alice"));
        Assert.Equal("alice@example.com", alice.Tags["key-rotation:owner"]);
        Assert.Equal(
            [
                new AccessKeyFacts("credential-report:access_key_1", AccessKeyStatus.Inactive, Now.AddDays(-200), Now.AddDays(-30)),
                new AccessKeyFacts("credential-report:access_key_2", AccessKeyStatus.Active, Now.AddDays(-20), null),
            ],
            alice.AccessKeys);
        Assert.Empty(discovered.Notes);
    }

    [Fact]
    public async Task DiscoverUsersAsync_ReportTakenBeforeChanges_ShowsTheOldKeysButTagsAreLive()
    {
        var world = Bulk.World(User("alice", Key("AKIAALICEEXAMPLE0OLD", 200, 30)));
        var alice = world.Account.Users[0];
        alice.AccessKeys.Clear();
        alice.AccessKeys.Add(Key("AKIAALICEEXAMPLE0NEW", 0, null));
        alice.Tags["key-rotation:exempt"] = "true";

        var discovered = Assert.Single(await world.DiscoverAsync());

        Assert.Equal(Now.AddDays(-200), Assert.Single(discovered.AccessKeys).CreatedAt);
        Assert.Equal("true", discovered.Tags["key-rotation:exempt"]);
        var live = await (await world.IdentityAsync()).ReadUserAsync("alice", CancellationToken.None);
        Assert.Equal("AKIAALICEEXAMPLE0NEW", Assert.Single(live!.AccessKeys).AccessKeyId);
    }

    [Fact]
    public async Task DiscoverUsersAsync_UserCreatedAfterTheReport_ReadLiveAndConfirmed()
    {
        var world = Bulk.World(User("alice", Key("AKIAALICEEXAMPLE0OLD", 200, 30)));
        world.Account.Users.Add(User("bob", Key("AKIABOBEXAMPLE00KEY1", 170, 2)));

        var discovered = await world.DiscoverAsync();

        Assert.True(discovered.IsConfirmed("bob"));
        Assert.False(discovered.IsConfirmed("alice"));
        Assert.Equal("AKIABOBEXAMPLE00KEY1", discovered.Single(u => u.UserName == "bob").AccessKeys.Single().AccessKeyId);
        Assert.Equal(1, world.Calls(ListAccessKeys));
        Assert.Equal(1, world.Calls(GetAccessKeyLastUsed));
    }

    [Fact]
    public async Task DiscoverUsersAsync_NoReportYet_GeneratesPollsUntilCompleteThenReadsIt()
    {
        var options = Bulk with { ExistingReportAge = null, ReportGenerationTime = TimeSpan.Zero, ReportPollInterval = TimeSpan.Zero };
        var world = options.World(User("alice", Key("AKIAALICEEXAMPLE0OLD", 200, 30)));

        var discovered = await world.DiscoverAsync();

        Assert.False(discovered.IsConfirmed("alice"));
        Assert.Equal(2, world.Calls(GenerateCredentialReport));
        Assert.Equal(1, world.Calls(GetCredentialReport));
        Assert.Equal(Now, world.World.CredentialReports.Current(AccountId)!.GeneratedAt);
    }

    [Fact]
    public async Task DiscoverUsersAsync_NoReportYet_StartsTheReportBeforePagingUsers()
    {
        var options = Bulk with { ExistingReportAge = null };
        var world = options.World(User("alice", Key("AKIAALICEEXAMPLE0OLD", 200, 30)));
        world.Faults.Add(FaultRule.Always(Iam, GetAccountAuthorizationDetails, kind: FailureKind.Final));

        await Assert.ThrowsAsync<ServiceException>(world.DiscoverAsync);

        // The report generates while the users are paged, so it was asked for before the paging failed.
        Assert.Equal(1, world.Calls(GenerateCredentialReport));
        Assert.Equal(0, world.Calls(GetCredentialReport));
    }

    [Fact]
    public async Task DiscoverUsersAsync_ReportOlderThanFourHours_GeneratesAFreshOne()
    {
        var options = Bulk with { ExistingReportAge = TimeSpan.FromHours(5), ReportGenerationTime = TimeSpan.Zero, ReportPollInterval = TimeSpan.Zero };
        var world = options.World(User("alice", Key("AKIAALICEEXAMPLE0OLD", 200, 30)));

        await world.DiscoverAsync();

        Assert.Equal(Now, world.World.CredentialReports.Current(AccountId)!.GeneratedAt);
        Assert.Equal(2, world.Calls(GenerateCredentialReport));
    }

    [Fact]
    public async Task DiscoverUsersAsync_ReportNeverReady_ReadsKeysPerUserAndSaysSo()
    {
        var options = Bulk with
        {
            ExistingReportAge = null, ReportGenerationTime = TimeSpan.FromHours(1), ReportPollInterval = TimeSpan.Zero, MaxReportPolls = 3,
        };
        var world = options.World(User("alice", Key("AKIAALICEEXAMPLE0OLD", 200, 30)));

        var discovered = await world.DiscoverAsync();

        Assert.True(discovered.IsConfirmed("alice"));
        Assert.Equal("AKIAALICEEXAMPLE0OLD", discovered.Single().AccessKeys.Single().AccessKeyId);
        Assert.Equal(4, world.Calls(GenerateCredentialReport));
        Assert.Equal(0, world.Calls(GetCredentialReport));
        Assert.Contains("credential report still in progress after 3 polls", Assert.Single(discovered.Notes), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(GenerateCredentialReport, FailureKind.AccessDenied, "AccessDenied")]
    [InlineData(GetCredentialReport, FailureKind.Transient, "ServiceUnavailable")]
    public async Task DiscoverUsersAsync_ReportCallFails_ReadsKeysPerUserAndSaysSo(string operation, FailureKind kind, string code)
    {
        var world = Bulk.World(User("alice", Key("AKIAALICEEXAMPLE0OLD", 200, 30)), User("bob"));
        world.Faults.Add(FaultRule.Always(Iam, operation, kind: kind));

        var discovered = await world.DiscoverAsync();

        Assert.All(discovered, u => Assert.True(discovered.IsConfirmed(u.UserName)));
        Assert.Equal("AKIAALICEEXAMPLE0OLD", discovered.Single(u => u.UserName == "alice").AccessKeys.Single().AccessKeyId);
        Assert.Equal(2, world.Calls(ListAccessKeys));
        Assert.Equal(0, world.Calls(ListUsers));
        Assert.Equal($"credential report unavailable ({operation} failed: {code}); discovered keys per user instead " +
            "(ListAccessKeys, GetAccessKeyLastUsed)", Assert.Single(discovered.Notes));
    }

    [Fact]
    public async Task DiscoverUsersAsync_ReportThrottled_PassesTheThrottlingOnForTheEngineToRetry()
    {
        var world = Bulk.World(User("alice", Key("AKIAALICEEXAMPLE0OLD", 200, 30)));
        world.Faults.Add(FaultRule.OnCall(Iam, GenerateCredentialReport, null, FailureKind.Throttling, 1));

        var error = await Assert.ThrowsAsync<ServiceException>(world.DiscoverAsync);

        Assert.Equal(FailureKind.Throttling, error.Kind);
        Assert.Equal(0, world.Calls(ListAccessKeys));
    }

    [Fact]
    public async Task DiscoverUsersAsync_UserDeletedAfterTheReport_NotReturned()
    {
        var world = Bulk.World(User("alice", Key("AKIAALICEEXAMPLE0OLD", 200, 30)), User("bob"));
        world.Account.Users.RemoveAll(u => u.Name == "bob");

        var discovered = await world.DiscoverAsync();

        Assert.Equal("alice", Assert.Single(discovered).UserName);
    }
}
