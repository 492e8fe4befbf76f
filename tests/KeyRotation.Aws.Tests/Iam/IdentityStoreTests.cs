using KeyRotation.Aws.Tests.Support;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Tests.Iam;

public sealed class IdentityStoreTests
{
    private static async Task<(AwsTestRig Rig, IIdentityStore Store)> OpenAsync(Action<FakeAwsCloud>? arrange = null, string account = SmallOrganization.Web)
    {
        // Per-key discovery; bulk discovery has its own tests (BulkDiscoveryTests).
        var rig = AwsTestRig.Create(arrange, AwsTestRig.Settings with { Discovery = new() { Mode = DiscoveryMode.PerKey } });
        var session = await rig.Adapters.AccountAccess.OpenAsync(account, CancellationToken.None);
        return (rig, session.Identity);
    }

    private static IReadOnlyList<StubRequest> Iam(AwsTestRig rig, string action) =>
        [.. rig.Cloud.Requests.Where(r => r.SigningService == "iam" && r.Action == action)];

    [Fact]
    public async Task Discover_EveryPage_UsersTagsKeysAndLastUse()
    {
        var (rig, store) = await OpenAsync();
        using var _ = rig;

        var users = await store.DiscoverUsersAsync(CancellationToken.None);

        Assert.Equal([null, "2"], Iam(rig, "ListUsers").Select(r => r.Field("Marker")));
        Assert.All(Iam(rig, "ListUsers"), r => Assert.Equal("1000", r.Field("MaxItems")));
        var alice = users.Single(u => u.UserName == "alice");
        Assert.Equal("alice@example.com", alice.Tags["key-rotation:owner"]);
        var aliceKey = Assert.Single(alice.AccessKeys);
        Assert.Equal(new AccessKeyFacts("AKIAALICEEXAMPLE0001", AccessKeyStatus.Active, SmallOrganization.Start.AddDays(-100),
            SmallOrganization.Start.AddDays(-1)), aliceKey);
        var bob = users.Single(u => u.UserName == "bob");
        Assert.Equal([("AKIABOBEXAMPLE000001", AccessKeyStatus.Active), ("AKIABOBEXAMPLE000002", AccessKeyStatus.Inactive)],
            bob.AccessKeys.Select(k => (k.AccessKeyId, k.Status)));
        Assert.Null(bob.AccessKeys[1].LastUsedAt);
        Assert.Empty(users.Single(u => u.UserName == "carol").AccessKeys);
        Assert.Single(users.Single(u => u.UserName == "svc+ci,x=y").AccessKeys);
    }

    [Fact]
    public async Task Discover_KeysAndTagsOverSeveralPages_AllRead()
    {
        var (rig, store) = await OpenAsync(cloud =>
        {
            cloud.IamPageSize = 1;
            var bob = cloud.Account(SmallOrganization.Web).Users.Single(u => u.Name == "bob");
            bob.Tags["a"] = "1";
            bob.Tags["b"] = "2";
            bob.Tags["c"] = "";
        });
        using var _ = rig;

        var bob = (await store.DiscoverUsersAsync(CancellationToken.None)).Single(u => u.UserName == "bob");

        Assert.Equal(2, bob.AccessKeys.Count);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2", ["c"] = "" }, bob.Tags);
        Assert.Equal(4, Iam(rig, "ListUsers").Count);
        Assert.Equal(3, Iam(rig, "ListUserTags").Count(r => r.Field("UserName") == "bob"));
    }

    [Fact]
    public async Task Discover_UserDeletedMidway_Skipped()
    {
        var (rig, store) = await OpenAsync(cloud => cloud.Fault = r =>
            r.Action == "ListAccessKeys" && r.Field("UserName") == "carol" ? FakeAwsCloud.QueryError("iam", 404, "NoSuchEntity", "gone") : null);
        using var _ = rig;

        var users = await store.DiscoverUsersAsync(CancellationToken.None);

        Assert.Equal(["alice", "bob", "svc+ci,x=y"], users.Select(u => u.UserName));
    }

    [Fact]
    public async Task ReadUser_Exists_LiveFacts()
    {
        var (rig, store) = await OpenAsync();
        using var _ = rig;

        var user = await store.ReadUserAsync("svc+ci,x=y", CancellationToken.None);

        Assert.Equal("AKIACIEXAMPLE0000001", Assert.Single(user!.AccessKeys).AccessKeyId);
        Assert.Equal("svc+ci,x=y", Iam(rig, "ListAccessKeys").Single().Field("UserName"));
    }

    [Fact]
    public async Task ReadUser_Missing_Null()
    {
        var (rig, store) = await OpenAsync();
        using var _ = rig;

        Assert.Null(await store.ReadUserAsync("nobody", CancellationToken.None));
    }

    [Fact]
    public async Task CreateAccessKey_UserHasTwoKeys_LimitExceededNotThrottling()
    {
        var (rig, store) = await OpenAsync();
        using var _ = rig;

        var error = await Assert.ThrowsAsync<ServiceException>(() => store.CreateAccessKeyAsync("bob", CancellationToken.None));

        Assert.Equal(("LimitExceeded", FailureKind.LimitExceeded, 409), (error.Code, error.Kind, error.HttpStatus));
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public async Task CreateAccessKey_ReturnsIdSecretAndCreation_SecretNotPrinted()
    {
        var (rig, store) = await OpenAsync();
        using var _ = rig;

        var key = await store.CreateAccessKeyAsync("alice", CancellationToken.None);

        var stored = rig.Cloud.Account(SmallOrganization.Web).Users.Single(u => u.Name == "alice").Keys[^1];
        Assert.Equal(stored.Id, key.AccessKeyId);
        Assert.Equal(stored.Secret, key.SecretAccessKey.Reveal());
        Assert.Equal(SmallOrganization.Start, key.CreatedAt);
        Assert.DoesNotContain(stored.Secret, key.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateAndDelete_ChangeTheKey()
    {
        var (rig, store) = await OpenAsync();
        using var _ = rig;

        await store.UpdateAccessKeyStatusAsync("bob", "AKIABOBEXAMPLE000001", AccessKeyStatus.Inactive, CancellationToken.None);
        await store.DeleteAccessKeyAsync("bob", "AKIABOBEXAMPLE000002", CancellationToken.None);

        var bob = await store.ReadUserAsync("bob", CancellationToken.None);
        Assert.Equal([("AKIABOBEXAMPLE000001", AccessKeyStatus.Inactive)], bob!.AccessKeys.Select(k => (k.AccessKeyId, k.Status)));
        Assert.Equal("Inactive", Iam(rig, "UpdateAccessKey").Single().Field("Status"));
    }

    [Fact]
    public async Task DeleteAccessKey_Missing_NotFound()
    {
        var (rig, store) = await OpenAsync();
        using var _ = rig;

        var error = await Assert.ThrowsAsync<ServiceException>(() => store.DeleteAccessKeyAsync("bob", "AKIANOPE", CancellationToken.None));

        Assert.Equal((FailureKind.NotFound, 404), (error.Kind, error.HttpStatus));
    }

    [Fact]
    public async Task Iam_Throttled_ThrottlingKind()
    {
        var (rig, store) = await OpenAsync(cloud => cloud.Fault = r =>
            r.Action == "ListUsers" ? FakeAwsCloud.QueryError("iam", 400, "Throttling", "Rate exceeded") : null);
        using var _ = rig;

        var error = await Assert.ThrowsAsync<ServiceException>(() => store.DiscoverUsersAsync(CancellationToken.None));

        Assert.Equal(FailureKind.Throttling, error.Kind);
        Assert.True(error.IsRetryable);
    }
}
