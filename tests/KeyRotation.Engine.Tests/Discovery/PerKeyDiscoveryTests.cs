using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;
using static KeyRotation.Engine.Ports.OperationNames;
using static KeyRotation.Testing.Discovery.DiscoveryWorld;

namespace KeyRotation.Engine.Tests.Discovery;

public sealed class PerKeyDiscoveryTests
{
    private static readonly DiscoveryCase PerKey = new(DiscoveryMode.PerKey);

    [Fact]
    public async Task DiscoverUsersAsync_PerKey_CallsPerUserAndPerKey()
    {
        var world = PerKey.World(
            User("alice", Key("AKIAALICEEXAMPLE0OLD", 200, 30, AccessKeyStatus.Inactive), Key("AKIAALICEEXAMPLE0NEW", 20, 1)),
            User("bob", Key("AKIABOBEXAMPLE00KEY1", 10, null)),
            User("carol"));

        var discovered = await world.DiscoverAsync();

        Assert.All(discovered, u => Assert.True(discovered.IsConfirmed(u.UserName)));
        Assert.Equal(
            new AccessKeyFacts("AKIAALICEEXAMPLE0NEW", AccessKeyStatus.Active, Now.AddDays(-20), Now.AddDays(-1)),
            discovered.Single(u => u.UserName == "alice").AccessKeys[1]);
        Assert.Equal(
            new Dictionary<string, long> { [ListUsers] = 1, [ListUserTags] = 3, [ListAccessKeys] = 3, [GetAccessKeyLastUsed] = 3 },
            world.IamCalls);
    }

    [Fact]
    public async Task ReadUserAsync_LiveUser_GetUserListAccessKeysAndLastUsePerKey()
    {
        var world = PerKey.World(
            User("alice", Key("AKIAALICEEXAMPLE0OLD", 200, 30, AccessKeyStatus.Inactive), Key("AKIAALICEEXAMPLE0NEW", 20, 1)));

        var alice = await (await world.IdentityAsync()).ReadUserAsync("alice", CancellationToken.None);

        Assert.Equal(["AKIAALICEEXAMPLE0OLD", "AKIAALICEEXAMPLE0NEW"], alice!.AccessKeys.Select(k => k.AccessKeyId));
        Assert.Equal(new Dictionary<string, long> { [GetUser] = 1, [ListAccessKeys] = 1, [GetAccessKeyLastUsed] = 2 }, world.IamCalls);
    }
}
