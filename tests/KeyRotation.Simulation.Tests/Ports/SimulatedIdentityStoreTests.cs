using System.Text.RegularExpressions;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;
using KeyRotation.Simulation.Model;
using KeyRotation.Simulation.Ports;
using KeyRotation.Simulation.Tests.Support;

namespace KeyRotation.Simulation.Tests.Ports;

public sealed class SimulatedIdentityStoreTests
{
    private static readonly DateTimeOffset Now = FixedClock.Now;

    private static (SimulatedWorld World, SimulatedUser User) WorldWithUser(params SimulatedAccessKey[] keys)
    {
        var user = new SimulatedUser { Name = "alice" };
        user.AccessKeys.AddRange(keys);
        var account = new SimulatedAccount { Id = "222222222222", Name = "dev" };
        account.Users.Add(user);
        var org = new SimulatedOrganization();
        org.Accounts.Add(account);
        return (new SimulatedWorld(org, new FixedClock(Now), seed: 7), user);
    }

    private static SimulatedAccessKey Key(string id, AccessKeyStatus status = AccessKeyStatus.Active) =>
        new() { Id = id, CreatedAt = Now.AddDays(-100), Status = status };

    private static async Task<IIdentityStore> IdentityOf(SimulatedWorld world) =>
        (await world.AccountAccess.OpenAsync("222222222222", CancellationToken.None)).Identity;

    [Fact]
    public async Task CreateAccessKeyAsync_UserHasTwoKeys_LimitExceeded409()
    {
        var (world, user) = WorldWithUser(Key("AKIAOLDEXAMPLE000001"), Key("AKIAOLDEXAMPLE000002", AccessKeyStatus.Inactive));
        var identity = await IdentityOf(world);

        var error = await Assert.ThrowsAsync<ServiceException>(() => identity.CreateAccessKeyAsync("alice", CancellationToken.None));

        Assert.Equal(("iam", "CreateAccessKey", "LimitExceeded", FailureKind.LimitExceeded, 409),
            (error.Service, error.Operation, error.Code, error.Kind, error.HttpStatus));
        Assert.Equal(2, user.AccessKeys.Count);
        Assert.Empty(world.IssuedKeys);
    }

    [Fact]
    public async Task CreateAccessKeyAsync_OneKey_AddsActiveKeyOfAwsShapeCreatedNow()
    {
        var (world, user) = WorldWithUser(Key("AKIAOLDEXAMPLE000001"));
        var identity = await IdentityOf(world);

        var created = await identity.CreateAccessKeyAsync("alice", CancellationToken.None);

        Assert.Matches(new Regex("^AKIA[A-Z2-7]{16}$"), created.AccessKeyId);
        Assert.Equal(40, created.SecretAccessKey.Reveal().Length);
        Assert.Equal(Now, created.CreatedAt);
        var stored = user.AccessKeys.Single(k => k.Id == created.AccessKeyId);
        Assert.Equal((AccessKeyStatus.Active, Now, (DateTimeOffset?)null), (stored.Status, stored.CreatedAt, stored.LastUsedAt));
        Assert.Equal(created, Assert.Single(world.IssuedKeys).Key);
    }

    [Fact]
    public async Task CreateAccessKeyAsync_SameSeed_SameKeysAndSecrets()
    {
        var (first, _) = WorldWithUser();
        var (second, _) = WorldWithUser();

        var a = await (await IdentityOf(first)).CreateAccessKeyAsync("alice", CancellationToken.None);
        var b = await (await IdentityOf(second)).CreateAccessKeyAsync("alice", CancellationToken.None);

        Assert.Equal(a.AccessKeyId, b.AccessKeyId);
        Assert.Equal(a.SecretAccessKey.Reveal(), b.SecretAccessKey.Reveal());
    }

    [Fact]
    public async Task CreateAccessKeyAsync_UnknownUser_NotFound()
    {
        var (world, _) = WorldWithUser();
        var identity = await IdentityOf(world);

        var error = await Assert.ThrowsAsync<ServiceException>(() => identity.CreateAccessKeyAsync("nobody", CancellationToken.None));

        Assert.Equal((FailureKind.NotFound, "NoSuchEntity"), (error.Kind, error.Code));
    }

    [Fact]
    public async Task UpdateAccessKeyStatusAsync_Deactivate_RecordsWhenTheToolDidIt()
    {
        var (world, user) = WorldWithUser(Key("AKIAOLDEXAMPLE000001"));
        var identity = await IdentityOf(world);

        await identity.UpdateAccessKeyStatusAsync("alice", "AKIAOLDEXAMPLE000001", AccessKeyStatus.Inactive, CancellationToken.None);

        Assert.Equal((AccessKeyStatus.Inactive, (DateTimeOffset?)Now), (user.AccessKeys[0].Status, user.AccessKeys[0].DeactivatedByToolAt));
        var facts = await identity.ReadUserAsync("alice", CancellationToken.None);
        Assert.Equal(Now, facts!.AccessKeys[0].DeactivatedByToolAt);

        await identity.UpdateAccessKeyStatusAsync("alice", "AKIAOLDEXAMPLE000001", AccessKeyStatus.Active, CancellationToken.None);

        Assert.Equal((AccessKeyStatus.Active, (DateTimeOffset?)null), (user.AccessKeys[0].Status, user.AccessKeys[0].DeactivatedByToolAt));
    }

    [Fact]
    public async Task UpdateAndDelete_UnknownKey_NotFound()
    {
        var (world, _) = WorldWithUser(Key("AKIAOLDEXAMPLE000001"));
        var identity = await IdentityOf(world);

        var update = await Assert.ThrowsAsync<ServiceException>(() =>
            identity.UpdateAccessKeyStatusAsync("alice", "AKIANOPEEXAMPLE00000", AccessKeyStatus.Inactive, CancellationToken.None));
        var delete = await Assert.ThrowsAsync<ServiceException>(() =>
            identity.DeleteAccessKeyAsync("alice", "AKIANOPEEXAMPLE00000", CancellationToken.None));

        Assert.Equal(("UpdateAccessKey", FailureKind.NotFound), (update.Operation, update.Kind));
        Assert.Equal(("DeleteAccessKey", FailureKind.NotFound), (delete.Operation, delete.Kind));
    }

    [Fact]
    public async Task DeleteAccessKeyAsync_ExistingKey_Removed()
    {
        var (world, user) = WorldWithUser(Key("AKIAOLDEXAMPLE000001"), Key("AKIAOLDEXAMPLE000002"));
        var identity = await IdentityOf(world);

        await identity.DeleteAccessKeyAsync("alice", "AKIAOLDEXAMPLE000001", CancellationToken.None);

        Assert.Equal("AKIAOLDEXAMPLE000002", Assert.Single(user.AccessKeys).Id);
    }

    [Fact]
    public async Task DiscoverUsersAsync_MoreUsersThanOneIamPage_ReturnsEveryUserWithFacts()
    {
        var (world, _) = WorldWithUser(new SimulatedAccessKey
        {
            Id = "AKIAOLDEXAMPLE000001",
            CreatedAt = Now.AddDays(-190),
            Status = AccessKeyStatus.Inactive,
            LastUsedAt = Now.AddDays(-40),
            DeactivatedByToolAt = Now.AddDays(-3),
        });
        var account = world.Organization.Accounts[0];
        account.Users[0].Tags["team"] = "blue";
        for (var i = 0; i < 250; i++)
        {
            account.Users.Add(new SimulatedUser { Name = $"user{i:000}" });
        }

        // Per-key discovery reads exact key ids; bulk discovery has its own tests (Discovery/).
        world = new SimulatedWorld(world.Organization, new FixedClock(Now), seed: 7, discovery: new() { Mode = DiscoveryMode.PerKey });
        var users = await (await IdentityOf(world)).DiscoverUsersAsync(CancellationToken.None);

        Assert.Equal(251, users.Count);
        var alice = users.Single(u => u.UserName == "alice");
        Assert.Equal("blue", alice.Tags["team"]);
        Assert.Equal(new AccessKeyFacts("AKIAOLDEXAMPLE000001", AccessKeyStatus.Inactive, Now.AddDays(-190), Now.AddDays(-40), Now.AddDays(-3)),
            alice.AccessKeys.Single());
        Assert.Equal(3, world.Gate.CallsTo(OperationNames.ListUsers));
    }

    [Fact]
    public async Task ReadUserAsync_UnknownUser_Null()
    {
        var (world, _) = WorldWithUser();

        Assert.Null(await (await IdentityOf(world)).ReadUserAsync("nobody", CancellationToken.None));
    }

    [Fact]
    public async Task DiscoverUsersAsync_FactsAreSnapshots_LaterChangesDoNotShowThrough()
    {
        var (world, user) = WorldWithUser(Key("AKIAOLDEXAMPLE000001"));
        var identity = await IdentityOf(world);
        var before = await identity.DiscoverUsersAsync(CancellationToken.None);

        user.Tags["late"] = "x";
        user.AccessKeys.Clear();

        Assert.Single(before[0].AccessKeys);
        Assert.Empty(before[0].Tags);
    }
}
