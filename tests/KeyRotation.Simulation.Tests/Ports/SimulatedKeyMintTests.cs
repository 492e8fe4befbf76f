using KeyRotation.Engine.Ports;
using KeyRotation.Simulation.Faults;
using KeyRotation.Simulation.Model;
using KeyRotation.Simulation.Ports;
using KeyRotation.Simulation.Tests.Support;

namespace KeyRotation.Simulation.Tests.Ports;

/// <summary>New key ids and secrets depend on (seed, account, user, instant, count), not on call order or faults.</summary>
public sealed class SimulatedKeyMintTests
{
    private const string AccountId = "222222222222";

    private static SimulatedWorld World(int seed, IFaultSource? faults = null, params string[] aliceKeys)
    {
        var account = new SimulatedAccount { Id = AccountId, Name = "dev" };
        foreach (var name in (string[])["alice", "bob"])
        {
            var user = new SimulatedUser { Name = name };
            if (name == "alice")
            {
                user.AccessKeys.AddRange(aliceKeys.Select(id => new SimulatedAccessKey { Id = id, CreatedAt = FixedClock.Now.AddDays(-100) }));
            }

            account.Users.Add(user);
        }

        var org = new SimulatedOrganization();
        org.Accounts.Add(account);
        return new SimulatedWorld(org, new FixedClock(FixedClock.Now), seed, faults is null ? null : [faults]);
    }

    private static async Task<NewAccessKey> CreateAsync(SimulatedWorld world, string user) =>
        await (await world.AccountAccess.OpenAsync(AccountId, CancellationToken.None)).Identity.CreateAccessKeyAsync(user, CancellationToken.None);

    private static async Task DeleteAsync(SimulatedWorld world, string user, string keyId) =>
        await (await world.AccountAccess.OpenAsync(AccountId, CancellationToken.None)).Identity.DeleteAccessKeyAsync(user, keyId, CancellationToken.None);

    [Fact]
    public async Task CreateAccessKeyAsync_UsersInOtherOrder_EachUserGetsSameKey()
    {
        var first = World(7);
        var second = World(7);

        var alice1 = await CreateAsync(first, "alice");
        var bob1 = await CreateAsync(first, "bob");
        var bob2 = await CreateAsync(second, "bob");
        var alice2 = await CreateAsync(second, "alice");

        Assert.Equal((alice1.AccessKeyId, alice1.SecretAccessKey.Reveal()), (alice2.AccessKeyId, alice2.SecretAccessKey.Reveal()));
        Assert.Equal((bob1.AccessKeyId, bob1.SecretAccessKey.Reveal()), (bob2.AccessKeyId, bob2.SecretAccessKey.Reveal()));
        Assert.NotEqual(alice1.AccessKeyId, bob1.AccessKeyId);
    }

    [Fact]
    public async Task CreateAccessKeyAsync_FailedCallsBefore_SameKeyAsWithout()
    {
        var faults = new RuleBasedFaultSource(FaultRule.OnCall("iam", OperationNames.CreateAccessKey, AccountId, FailureKind.Transient, 1, 2));
        var faulty = World(7, faults);
        var clean = World(7);

        await Assert.ThrowsAsync<ServiceException>(() => CreateAsync(faulty, "alice"));
        await Assert.ThrowsAsync<ServiceException>(() => CreateAsync(faulty, "alice"));
        var afterFaults = await CreateAsync(faulty, "alice");

        Assert.Equal((await CreateAsync(clean, "alice")).AccessKeyId, afterFaults.AccessKeyId);
    }

    [Fact]
    public async Task CreateAccessKeyAsync_OtherSeed_OtherKey()
    {
        Assert.NotEqual((await CreateAsync(World(7), "alice")).AccessKeyId, (await CreateAsync(World(8), "alice")).AccessKeyId);
    }

    [Fact]
    public async Task CreateAccessKeyAsync_SecondKeyOfUser_DiffersFromFirst()
    {
        var world = World(7);

        var first = await CreateAsync(world, "alice");
        await DeleteAsync(world, "alice", first.AccessKeyId);
        var second = await CreateAsync(world, "alice");

        Assert.NotEqual(first.AccessKeyId, second.AccessKeyId);
        Assert.NotEqual(first.SecretAccessKey.Reveal(), second.SecretAccessKey.Reveal());
    }

    [Fact]
    public async Task CreateAccessKeyAsync_UserAlreadyHoldsDerivedId_GetsAnotherOfSameShape()
    {
        var derived = (await CreateAsync(World(7), "alice")).AccessKeyId;
        var rerun = World(7, null, derived);

        var created = await CreateAsync(rerun, "alice");

        Assert.NotEqual(derived, created.AccessKeyId);
        Assert.Matches("^AKIA[A-Z2-7]{16}$", created.AccessKeyId);
        Assert.Equal(created.AccessKeyId, (await CreateAsync(World(7, null, derived), "alice")).AccessKeyId);
    }
}
