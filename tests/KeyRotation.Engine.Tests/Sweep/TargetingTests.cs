using KeyRotation.Core.Audit;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Tests.Support;
using KeyRotation.Simulation.Model;
using KeyRotation.Simulation.Ports;
using static KeyRotation.Engine.Tests.Support.Org;

namespace KeyRotation.Engine.Tests.Sweep;

public sealed class TargetingTests
{
    [Fact]
    public async Task RunAsync_AccountOptedOut_SkippedUntouchedAndAudited()
    {
        var optedOut = Account("222222222222", IdleOldUser("alice", "AKIAALICE0000000OLD1"));
        optedOut.Tags["key-rotation:opt-out"] = "true";
        var harness = new Harness(Of(optedOut, Account("333333333333", IdleOldUser("bob", "AKIABOB00000000OLD01"))));
        var before = Snapshot(harness.Organization);

        var report = await harness.RunAsync();

        var skipped = Assert.Single(report.Accounts, a => a.AccountId == "222222222222");
        Assert.Equal(AccountStatus.Skipped, skipped.Status);
        Assert.Equal("OptOut", skipped.Reason);
        Assert.Empty(skipped.Actions);
        Assert.Equal(AccountStatus.Processed, report.Accounts.Single(a => a.AccountId == "333333333333").Status);
        Assert.Equal(LinesOf(before, "222222222222"), LinesOf(Snapshot(harness.Organization), "222222222222"));
        Assert.Single(harness.World.AuditLog.Events, e =>
            e.AccountId == "222222222222" && e.Action == AuditAction.AccountSkipped && e.Reason == "OptOut");
        Assert.DoesNotContain(harness.World.AuditLog.Events, e => e.AccountId == "222222222222" && e.UserName is not null);
        Assert.Equal(1, harness.World.Gate.CallsTo(SimulatedOperations.AssumeRole));
        Assert.Equal(1, report.Summary.Skipped);
    }

    private static string[] LinesOf(string snapshot, string accountId) =>
        snapshot.Split('\n').Where(l => l.StartsWith(accountId, StringComparison.Ordinal)).ToArray();

    [Fact]
    public async Task RunAsync_OrganizationalUnitOptedOut_SkipsAccountsBelowIt()
    {
        var org = Of(
            Account("222222222222", IdleOldUser("alice", "AKIAALICE0000000OLD1")),
            Account("333333333333", IdleOldUser("bob", "AKIABOB00000000OLD01")));
        var prod = new SimulatedOrganizationalUnit { Id = "ou-prod", Name = "Prod", ParentId = "r-root" };
        prod.Tags["key-rotation:opt-out"] = "true";
        org.OrganizationalUnits.Add(prod);
        org.OrganizationalUnits.Add(new SimulatedOrganizationalUnit { Id = "ou-team", Name = "Team", ParentId = "ou-prod" });
        org.Accounts[0].ParentId = "ou-team";
        var harness = new Harness(org);

        var report = await harness.RunAsync();

        Assert.Equal(AccountStatus.Skipped, report.Accounts[0].Status);
        Assert.Equal("OptOut", report.Accounts[0].Reason);
        Assert.Equal(AccessKeyStatus.Active, org.Accounts[0].Users[0].AccessKeys.Single().Status);
        Assert.Equal(AccountStatus.Processed, report.Accounts[1].Status);
    }

    [Fact]
    public async Task RunAsync_SuspendedAccount_SkippedAsNotActive()
    {
        var suspended = Account("222222222222", IdleOldUser("alice", "AKIAALICE0000000OLD1"));
        suspended.State = AccountState.Suspended;
        var harness = new Harness(Of(suspended));

        var report = await harness.RunAsync();

        Assert.Equal("NotActive", Assert.Single(report.Accounts).Reason);
        Assert.Equal(0, harness.World.Gate.CallsTo(SimulatedOperations.AssumeRole));
    }

    [Fact]
    public async Task RunAsync_AccountsListedOutOfOrder_ReportOrderedById()
    {
        var harness = new Harness(Of(
            Account("999999999999", FreshUser("zed", "AKIAZED0000000000001")),
            Account("222222222222", FreshUser("amy", "AKIAAMY0000000000001")),
            Account("555555555555", FreshUser("max", "AKIAMAX0000000000001"))));

        var report = await harness.RunAsync();

        Assert.Equal(["222222222222", "555555555555", "999999999999"], report.Accounts.Select(a => a.AccountId));
    }

    [Fact]
    public async Task ListTargetsAsync_OptOutAndSuspended_ReturnsOnlyTargetsAndWritesNothing()
    {
        var optedOut = Account("333333333333");
        optedOut.Tags["key-rotation:opt-out"] = "true";
        var suspended = Account("444444444444");
        suspended.State = AccountState.Suspended;
        var harness = new Harness(Of(Account("555555555555"), optedOut, suspended, Account("222222222222")));

        var targets = await harness.Sweep.ListTargetsAsync(harness.Options(), CancellationToken.None);

        Assert.Equal(["222222222222", "555555555555"], targets.Select(t => t.AccountId));
        Assert.Empty(harness.World.AuditLog.Events);
    }
}
