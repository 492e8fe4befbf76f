using KeyRotation.Engine.Ports;
using KeyRotation.Core.Audit;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Sweep;
using KeyRotation.Engine.Tests.Support;
using KeyRotation.Simulation.Model;
using static KeyRotation.Engine.Tests.Support.Org;

namespace KeyRotation.Engine.Tests.Sweep;

public sealed class TargetingTests
{
    [Fact]
    public async Task RunAsync_AccountOptedOut_SkippedUntouchedAndAudited()
    {
        var optedOut = Account("222222222222", IdleOldUser("alice", "AKIAALICEEXAMPLEOLD1"));
        optedOut.Tags["key-rotation:opt-out"] = "true";
        var harness = new Harness(Of(optedOut, Account("333333333333", IdleOldUser("bob", "AKIABOBEXAMPLE0OLD01"))));
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
        Assert.Equal(1, harness.World.Gate.CallsTo(OperationNames.AssumeRole));
        Assert.Equal(1, report.Summary.Skipped);
    }

    private static string[] LinesOf(string snapshot, string accountId) =>
        snapshot.Split('\n').Where(l => l.StartsWith(accountId, StringComparison.Ordinal)).ToArray();

    [Fact]
    public async Task RunAsync_OrganizationalUnitOptedOut_SkipsAccountsBelowIt()
    {
        var org = Of(
            Account("222222222222", IdleOldUser("alice", "AKIAALICEEXAMPLEOLD1")),
            Account("333333333333", IdleOldUser("bob", "AKIABOBEXAMPLE0OLD01")));
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
        var suspended = Account("222222222222", IdleOldUser("alice", "AKIAALICEEXAMPLEOLD1"));
        suspended.State = AccountState.Suspended;
        var harness = new Harness(Of(suspended));

        var report = await harness.RunAsync();

        Assert.Equal("NotActive", Assert.Single(report.Accounts).Reason);
        Assert.Equal(0, harness.World.Gate.CallsTo(OperationNames.AssumeRole));
    }

    [Fact]
    public async Task RunAsync_AccountsListedOutOfOrder_ReportOrderedById()
    {
        var harness = new Harness(Of(
            Account("999999999999", FreshUser("zed", "AKIAZEDEXAMPLE000001")),
            Account("222222222222", FreshUser("amy", "AKIAAMYEXAMPLE000001")),
            Account("555555555555", FreshUser("max", "AKIAMAXEXAMPLE000001"))));

        var report = await harness.RunAsync();

        Assert.Equal(["222222222222", "555555555555", "999999999999"], report.Accounts.Select(a => a.AccountId));
    }

    [Fact]
    public async Task BeginRunAsync_OptOutAndSuspended_ReturnsTargetsAndRecordsTheSkippedWithTheirFacts()
    {
        var optedOut = Account("333333333333");
        optedOut.Tags["key-rotation:opt-out"] = "true";
        var suspended = Account("444444444444");
        suspended.State = AccountState.Suspended;
        var harness = new Harness(Of(Account("555555555555"), optedOut, suspended, Account("222222222222")));

        var selection = await harness.Sweep.BeginRunAsync(harness.Options(), CancellationToken.None);

        Assert.Equal(["222222222222", "555555555555"], selection.Targets.Select(t => t.AccountId));
        Assert.Equal(["333333333333", "444444444444"], selection.SkippedFacts.Select(t => t.AccountId));
        Assert.Equal(["OptOut", "NotActive"], selection.Skipped.Select(s => s.Reason));
        Assert.Equal([AuditAction.AccountSkipped, AuditAction.AccountSkipped, AuditAction.RunStarted],
            harness.World.AuditLog.Events.Select(e => e.Action).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RotateAccountAsync_ClaimedFactsWithoutOptOut_ReadsTheAccountAfreshAndSkipsIt()
    {
        var optedOut = Account("333333333333", DueUser("alice", "AKIAALICEEXAMPLEOD01"));
        optedOut.Tags["key-rotation:opt-out"] = "true";
        var harness = new Harness(Of(optedOut));
        var claimed = new AccountFacts("333333333333", "acct-333333333333", AccountState.Active, [],
            new Dictionary<string, string>());

        var report = await harness.Sweep.RotateAccountAsync("333333333333", harness.Options(), claimed, CancellationToken.None);

        Assert.Equal((AccountStatus.Skipped, "OptOut"), (report.Status, report.Reason));
        Assert.Contains(report.Notes, n => n.Contains("account tags {}", StringComparison.Ordinal));
        Assert.Equal(1, harness.World.Gate.CallsTo(OperationNames.DescribeAccount));
        Assert.Equal(0, harness.World.Gate.CallsTo(OperationNames.AssumeRole));
    }

    [Fact]
    public async Task RotateAccountAsync_UnknownAccount_ThrowsNamingIt()
    {
        var harness = new Harness(Of(Account("222222222222")));

        var error = await Assert.ThrowsAsync<AccountNotInOrganizationException>(() =>
            harness.Sweep.RotateAccountAsync("999999999999", harness.Options(), null, CancellationToken.None));

        Assert.Contains("999999999999", error.Message, StringComparison.Ordinal);
    }
}
