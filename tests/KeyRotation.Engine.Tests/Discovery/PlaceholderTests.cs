using KeyRotation.Engine.Discovery;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Tests.Support;
using KeyRotation.Simulation.Faults;
using static KeyRotation.Engine.Tests.Support.Org;

namespace KeyRotation.Engine.Tests.Discovery;

/// <summary>A credential report's stand-ins for key ids never reach a report or the audit store (FORMATS.md).</summary>
public sealed class PlaceholderTests
{
    private const string AccountId = "222222222222";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_LiveReReadFails_RecordsNameNoKeyAndSayWhichSlot(bool dryRun)
    {
        var harness = new Harness(
            Of(Account(AccountId, User("alice", Key("AKIAALICEEXAMPLEOLD1", 200, 30), Key("AKIAALICEEXAMPLEOLD2", 250, 40)))),
            new DiscoverySettings { Mode = DiscoveryMode.Bulk });
        harness.Faults.Add(FaultRule.Always(OperationNames.Iam, OperationNames.GetUser, AccountId, FailureKind.AccessDenied));

        var report = await harness.RunAsync(harness.Options(dryRun));

        var actions = Assert.Single(report.Accounts).Actions;
        Assert.NotEmpty(actions);
        Assert.All(actions, a => Assert.Null(a.AccessKeyId));
        Assert.Contains(actions, a => a.Detail.Contains("credential report slot", StringComparison.Ordinal));
        var events = harness.World.AuditLog.Events.Concat(report.UnwrittenAuditEvents).ToArray();
        Assert.DoesNotContain(events, e => e.AccessKeyId is { } id && DiscoveredUsers.SlotOf(id) is not null);
        Assert.DoesNotContain(events, e => e.AccessKeyId?.Contains(':', StringComparison.Ordinal) == true);
        Assert.DoesNotContain(events, e => e.Detail?.Contains("credential-report:", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void SlotOf_PlaceholderAndRealIds_OnlyPlaceholdersHaveASlot()
    {
        Assert.Equal(2, DiscoveredUsers.SlotOf(DiscoveredUsers.PlaceholderKeyId(2)));
        Assert.Null(DiscoveredUsers.SlotOf("AKIAIOSFODNN7EXAMPLE"));
        Assert.Null(DiscoveredUsers.SlotOf(null));
    }
}
