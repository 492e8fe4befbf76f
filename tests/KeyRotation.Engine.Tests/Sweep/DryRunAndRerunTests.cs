using KeyRotation.Engine.Ports;
using KeyRotation.Core.Audit;
using KeyRotation.Core.Planning;
using KeyRotation.Engine.Tests.Support;
using static KeyRotation.Engine.Tests.Support.Org;

namespace KeyRotation.Engine.Tests.Sweep;

public sealed class DryRunAndRerunTests
{
    private static Harness Busy() => new(Of(
        Account("222222222222",
            IdleOldUser("alice", "AKIAALICEEXAMPLEOLD1"),
            DueUser("bob", "AKIABOBEXAMPLE0OLD01"),
            User("erin", Key("AKIAERINEXAMPLE0NEW1", 20, 1), Key("AKIAERINEXAMPLE0OLD1", 190, 30, Core.Facts.AccessKeyStatus.Inactive))),
        Account("333333333333", User("frank", Key("AKIAFRANKEXAMPLEOLD1", 190, 1)))));

    [Fact]
    public async Task RunAsync_DryRun_ChangesNothingAndAuditsThePlan()
    {
        var harness = Busy();
        var before = Snapshot(harness.Organization);

        var report = await harness.RunAsync(harness.Options(dryRun: true));

        Assert.Equal(before, Snapshot(harness.Organization));
        Assert.Equal(0, harness.Mutations);
        Assert.Equal(0, harness.World.Gate.CallsTo(OperationNames.GetUser));
        Assert.Empty(harness.World.SecretVault.Secrets);
        Assert.Empty(harness.World.IssuedKeys);
        Assert.Empty(harness.World.Sns.Published);
        var actions = report.Accounts.SelectMany(a => a.Actions).ToArray();
        Assert.Contains(actions, a => a.Action == ActionKind.CreateKey);
        Assert.Contains(actions, a => a.Action == ActionKind.DeleteKey);
        Assert.All(actions, a => Assert.Equal(AuditOutcome.Planned, a.Outcome));
        Assert.True(report.DryRun);
        var userEvents = harness.World.AuditLog.Events.Where(e => e.UserName is not null).ToArray();
        Assert.Equal(actions.Length, userEvents.Length);
        Assert.All(userEvents, e => Assert.Equal(AuditOutcome.Planned, e.Outcome));
    }

    [Fact]
    public async Task RunAsync_SecondRunAtSameInstant_ChangesNothing()
    {
        var harness = Busy();
        await harness.RunAsync(harness.Options(runId: "run-1"));
        var afterFirst = Snapshot(harness.Organization);
        var mutationsAfterFirst = harness.Mutations;
        var noticesAfterFirst = harness.World.Sns.Published.Count;

        var second = await harness.RunAsync(harness.Options(runId: "run-2"));

        Assert.True(mutationsAfterFirst > 0);
        Assert.Equal(afterFirst, Snapshot(harness.Organization));
        Assert.Equal(mutationsAfterFirst, harness.Mutations);
        Assert.DoesNotContain(second.Accounts.SelectMany(a => a.Actions), a =>
            a.Action is ActionKind.CreateKey or ActionKind.DeactivateKey or ActionKind.DeleteKey);
        Assert.All(harness.World.Sns.Published.Skip(noticesAfterFirst), n => Assert.Equal("StillInUse", n.Attributes["event"]));
    }

    [Fact]
    public async Task RunAsync_DryRunAfterRealRun_PlansNothingMore()
    {
        var harness = Busy();
        await harness.RunAsync(harness.Options(runId: "run-1"));

        var plan = await harness.RunAsync(harness.Options(dryRun: true, runId: "plan-2"));

        Assert.DoesNotContain(plan.Accounts.SelectMany(a => a.Actions), a => a.Action is ActionKind.CreateKey
            or ActionKind.DeactivateKey or ActionKind.DeleteKey);
    }
}
