using KeyRotation.Core.Facts;
using KeyRotation.Core.Policy;
using KeyRotation.Engine.Runs;
using KeyRotation.Engine.Tests.Support;
using KeyRotation.Simulation.Model;
using static KeyRotation.Engine.Tests.Support.Org;

namespace KeyRotation.Engine.Tests.Security;

public sealed class ManagedScopeTests
{
    private const string AccountId = "222222222222";

    private static SimulatedUser Under(string path, string name, string keyId, string? managedTag = null)
    {
        var user = new SimulatedUser { Name = name, Path = path };
        if (managedTag is not null) user.Tags["Managed"] = managedTag;
        user.AccessKeys.Add(Key(keyId, 200, 30));
        return user;
    }

    [Fact]
    public async Task RunAsync_UsersOutsideThePath_NeverTouchedAndCounted()
    {
        var harness = new Harness(Of(Account(AccountId,
            Under("/service/", "svc", "AKIAEXAMPLESVC000001"),
            Under("/service/batch/", "batch", "AKIAEXAMPLEBATCH0001"),
            Under("/", "admin", "AKIAEXAMPLEADMIN0001"),
            Under("/humans/", "alice", "AKIAEXAMPLEALICE0001"))));
        var before = Snapshot(harness.Organization);
        var options = harness.Options() with { Scope = ManagedScope.Everyone with { UserPath = "/service/" } };

        var report = await harness.RunAsync(options);

        var account = Assert.Single(report.Accounts);
        Assert.Equal(2, account.UsersOutOfScope);
        Assert.Equal(["batch", "svc"], account.Actions.Select(a => a.UserName).Distinct().Order());
        Assert.DoesNotContain(harness.World.AuditLog.Events, e => e.UserName is "admin" or "alice");
        Assert.All(harness.World.IssuedKeys, k => Assert.StartsWith("/service/", harness.Organization.Accounts[0].Users.Single(u => u.Name == k.UserName).Path, StringComparison.Ordinal));
        Assert.NotEqual(before, Snapshot(harness.Organization));
        Assert.Equal([AccessKeyStatus.Active], harness.Organization.Accounts[0].Users.Single(u => u.Name == "admin").AccessKeys.Select(k => k.Status));
    }

    [Fact]
    public async Task RunAsync_UsersWithoutTheTag_NeverTouchedAndCounted()
    {
        var harness = new Harness(Of(Account(AccountId,
            Under("/", "tagged", "AKIAEXAMPLETAGGED001", managedTag: "true"),
            Under("/", "other-value", "AKIAEXAMPLEOTHER0001", managedTag: "TRUE"),
            Under("/", "untagged", "AKIAEXAMPLEUNTAG0001"))));
        var options = harness.Options() with { Scope = ManagedScope.Everyone with { RequiredTagKey = "managed", RequiredTagValue = "true" } };

        var report = await harness.RunAsync(options);

        var account = Assert.Single(report.Accounts);
        Assert.Equal(2, account.UsersOutOfScope);
        Assert.Equal(["tagged"], account.Actions.Select(a => a.UserName).Distinct());
        Assert.Equal(["tagged"], harness.World.IssuedKeys.Select(k => k.UserName));
    }

    [Fact]
    public async Task RunAsync_EveryoneInScope_NoCountReported()
    {
        var harness = new Harness(Of(Account(AccountId, Under("/x/", "svc", "AKIAEXAMPLESVC000001"))));

        var report = await harness.RunAsync();

        Assert.Null(Assert.Single(report.Accounts).UsersOutOfScope);
    }

    [Theory]
    [InlineData("service", null, "ManagedUserPath 'service' must start and end with '/'")]
    [InlineData("/service", null, "ManagedUserPath '/service' must start and end with '/'")]
    [InlineData("/a//b/", null, "ManagedUserPath '/a//b/' has an empty segment")]
    [InlineData("/a b/", null, "ManagedUserPath '/a b/' may contain only printable ASCII")]
    [InlineData(null, "managed", "ManagedUserTag 'managed' must be key=value")]
    [InlineData(null, "=true", "ManagedUserTag '=true' needs a tag key")]
    [InlineData(null, "aws:x=1", "ManagedUserTag 'aws:x=1' names a tag key starting with 'aws:'")]
    [InlineData(null, "team=a;b", "ManagedUserTag 'team=a;b' may contain only")]
    public void Parse_BadValue_ProblemNamesFieldAndValue(string? path, string? tag, string expected)
    {
        ManagedScope.Parse(path, tag, out var problems);

        Assert.StartsWith(expected, Assert.Single(problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, "/", null, "")]
    [InlineData("", "", "/", null, "")]
    [InlineData("/service/", "managed=true", "/service/", "managed", "true")]
    [InlineData("/", "team=a=b", "/", "team", "a=b")]
    [InlineData("/", "owner=", "/", "owner", "")]
    public void Parse_GoodValue_Scope(string? path, string? tag, string userPath, string? key, string value)
    {
        var scope = ManagedScope.Parse(path, tag, out var problems);

        Assert.Empty(problems);
        Assert.Equal((userPath, key, value), (scope.UserPath, scope.RequiredTagKey, scope.RequiredTagValue));
    }

    [Fact]
    public void Validate_NotificationDeliveryWithoutSubscribers_Refused()
    {
        var options = new RotationRunOptions { RunId = "r", AsOf = Now, Policy = RotationPolicy.Default with { SecretDelivery = SecretDelivery.Notification } };

        Assert.Contains(options.Validate(), p => p.StartsWith("PlaintextSubscribers must name who may subscribe", StringComparison.Ordinal));
        Assert.Empty((options with { PlaintextSubscribers = ["secops@example.com"] }).Validate());
    }

    [Fact]
    public void Validate_BadScope_Refused()
    {
        var options = new RotationRunOptions { RunId = "r", AsOf = Now, Scope = ManagedScope.Everyone with { UserPath = "nope" } };

        Assert.Contains(options.Validate(), p => p.StartsWith("ManagedUserPath 'nope'", StringComparison.Ordinal));
    }
}
