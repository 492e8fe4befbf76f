using KeyRotation.Aws.Tests.Support;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Tests.Flow;

public sealed class InMemoryFlowTests
{
    [Fact]
    public async Task Directory_SmallOrganization_ListsEveryAccountWithStateOuPathAndTags()
    {
        using var rig = AwsTestRig.Create();

        var accounts = await rig.Adapters.Directory.ListAccountsAsync(CancellationToken.None);

        Assert.Equal([SmallOrganization.Web, SmallOrganization.Sandbox, SmallOrganization.Old, SmallOrganization.Gone],
            accounts.Select(a => a.AccountId));
        Assert.Equal([AccountState.Active, AccountState.Active, AccountState.Suspended, AccountState.Closed], accounts.Select(a => a.State));
        var web = accounts[0];
        Assert.Equal("Web", web.Name);
        Assert.Equal(["Prod", "Web"], web.OrganizationalUnits.Select(o => o.Name));
        Assert.Equal("front", web.OrganizationalUnits[1].Tags["tier"]);
        Assert.Equal("prod", web.OrganizationalUnits[0].Tags["env"]);
        Assert.Equal("42", web.Tags["cost-center"]);
        Assert.Equal("false", web.Tags["key-rotation:opt-out"]);
        Assert.Empty(accounts[2].OrganizationalUnits);
    }

    [Fact]
    public async Task Session_DiscoverAndRotate_WorksThroughAssumedRole()
    {
        using var rig = AwsTestRig.Create();
        var session = await rig.Adapters.AccountAccess.OpenAsync(SmallOrganization.Web, CancellationToken.None);

        var users = await session.Identity.DiscoverUsersAsync(CancellationToken.None);
        Assert.Equal(["alice", "bob", "carol", "svc+ci,x=y"], users.Select(u => u.UserName));
        var key = await session.Identity.CreateAccessKeyAsync("alice", CancellationToken.None);
        var arn = await session.Secrets.StoreAccessKeyAsync("alice", key, CancellationToken.None);
        Assert.StartsWith("arn:aws:secretsmanager:eu-west-1:111111111111:secret:key-rotation/alice", arn, StringComparison.Ordinal);
        await rig.Adapters.Notifier.PublishAsync(new Notification("Key rotated", "done", new Dictionary<string, string> { ["event"] = "KeyCreated" }), CancellationToken.None);
        Assert.Single(rig.Cloud.Published);
    }
}
