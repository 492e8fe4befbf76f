using KeyRotation.Engine.Notifications;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Runs;
using KeyRotation.Simulation.Model;
using KeyRotation.Simulation.Ports;
using KeyRotation.Simulation.Tests.Support;

namespace KeyRotation.Simulation.Tests.Ports;

public sealed class SimulatedOrganizationPortsTests
{
    private static SimulatedOrganization Nested()
    {
        var org = new SimulatedOrganization { ManagementAccountId = "111111111111" };
        var prod = new SimulatedOrganizationalUnit { Id = "ou-prod", Name = "Prod", ParentId = "r-root" };
        prod.Tags["key-rotation:opt-out"] = "true";
        org.OrganizationalUnits.Add(new SimulatedOrganizationalUnit { Id = "ou-team", Name = "Team", ParentId = "ou-prod" });
        org.OrganizationalUnits.Add(prod);
        var nested = new SimulatedAccount { Id = "222222222222", Name = "dev", ParentId = "ou-team", State = AccountState.Suspended };
        nested.Tags["env"] = "dev";
        org.Accounts.Add(nested);
        org.Accounts.Add(new SimulatedAccount { Id = "333333333333", Name = "top" });
        return org;
    }

    [Fact]
    public async Task ListAccountsAsync_NestedAccount_OuPathOutermostFirstWithTags()
    {
        var world = new SimulatedWorld(Nested(), new FixedClock(), seed: 1);

        var accounts = await world.Directory.ListAccountsAsync(CancellationToken.None);

        var nested = accounts.Single(a => a.AccountId == "222222222222");
        Assert.Equal(["ou-prod", "ou-team"], nested.OrganizationalUnits.Select(u => u.Id));
        Assert.Equal("true", nested.OrganizationalUnits[0].Tags["key-rotation:opt-out"]);
        Assert.Equal(("dev", AccountState.Suspended, "dev"), (nested.Name, nested.State, nested.Tags["env"]));
        Assert.Empty(accounts.Single(a => a.AccountId == "333333333333").OrganizationalUnits);
    }

    [Fact]
    public async Task OpenAsync_AccountNotInOrganization_AccessDeniedRoleMissing()
    {
        var world = new SimulatedWorld(Nested(), new FixedClock(), seed: 1);

        var error = await Assert.ThrowsAsync<ServiceException>(() => world.AccountAccess.OpenAsync("999999999999", CancellationToken.None));

        Assert.Equal(("sts", "AssumeRole", FailureKind.AccessDenied), (error.Service, error.Operation, error.Kind));
        Assert.Contains("role missing or trust denied", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoreAccessKeyAsync_NewPair_KeptInVaultAtArnLikeLocation()
    {
        var organization = Nested();
        // The owner must exist: the hand-off names the user's ARN in the secret's policy.
        organization.Accounts.Single(a => a.Id == "333333333333").Users.Add(new SimulatedUser { Name = "bob" });
        var world = new SimulatedWorld(organization, new FixedClock(), seed: 1, region: "eu-west-1");
        var session = await world.AccountAccess.OpenAsync("333333333333", CancellationToken.None);
        var key = new NewAccessKey("AKIANEWEXAMPLE000001", new SecretText("s3cr3t-value-0000000000000000000000000000"), FixedClock.Now);

        var location = await session.Secrets.StoreAccessKeyAsync("bob", key, CancellationToken.None);

        Assert.Equal("arn:aws:secretsmanager:eu-west-1:333333333333:secret:key-rotation/bob", location);
        Assert.Equal(key, world.SecretVault.Find("333333333333", "bob")!.Key);
        Assert.Null(world.SecretVault.Find("222222222222", "bob"));
    }

    [Fact]
    public async Task PutResourcePolicyAsync_ByArn_ThisAccountsSecretOnly()
    {
        var organization = Nested();
        organization.Accounts.Single(a => a.Id == "333333333333").Users.Add(new SimulatedUser { Name = "bob" });
        var world = new SimulatedWorld(organization, new FixedClock(), seed: 1, region: "eu-west-1");
        var key = new NewAccessKey("AKIANEWEXAMPLE000001", new SecretText("s3cr3t-value-0000000000000000000000000000"), FixedClock.Now);
        world.SecretVault.Put("333333333333", "bob", key);
        world.SecretVault.Put("222222222222", "bob", key);
        const string Arn = "arn:aws:secretsmanager:eu-west-1:333333333333:secret:key-rotation/bob";
        var secrets = (await world.Sts.AssumeRoleAsync("333333333333", CancellationToken.None)).SecretsManager;

        await secrets.PutResourcePolicyAsync(Arn, "{\"policy\":1}", CancellationToken.None);
        var elsewhere = await Assert.ThrowsAsync<ServiceException>(() =>
            secrets.PutResourcePolicyAsync("arn:aws:secretsmanager:eu-west-1:222222222222:secret:key-rotation/bob", "{}", CancellationToken.None));

        Assert.Equal("{\"policy\":1}", world.SecretVault.PolicyOf("333333333333", "bob"));
        Assert.Null(world.SecretVault.PolicyOf("222222222222", "bob"));
        Assert.Equal("ResourceNotFoundException", elsewhere.Code);
    }

    [Fact]
    public async Task PublishAsync_Notification_Captured()
    {
        var world = new SimulatedWorld(Nested(), new FixedClock(), seed: 1);
        var notification = new Notification("s", "m", new Dictionary<string, string> { ["event"] = "KeyCreated" });

        await world.Notifier.PublishAsync(notification, CancellationToken.None);

        var published = Assert.Single(world.Sns.Published);
        Assert.Equal((notification.Subject, notification.Message), (published.Subject, published.Message));
        Assert.Equal(notification.Attributes, published.Attributes);
        Assert.Equal(1, world.Gate.CallsTo(OperationNames.Publish));
    }

    [Fact]
    public void CreateServices_Retries_WiredToWorldPorts()
    {
        var world = new SimulatedWorld(Nested(), new FixedClock(), seed: 1);
        var tally = new Engine.Runs.RetryTally();

        var services = world.CreateServices(tally);

        Assert.Same(world.AuditLog, services.AuditLog);
        // Built over the world's SNS on each access, so compared by what it publishes to.
        Assert.Equal(Assert.IsType<SnsNotifier>(world.Notifier).TopicArn, Assert.IsType<SnsNotifier>(services.Notifier).TopicArn);
        Assert.Same(tally, services.Retries);
        Assert.Same(world.Time, services.Time);
    }
}
