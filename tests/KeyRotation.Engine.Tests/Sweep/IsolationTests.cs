using KeyRotation.Core.Audit;
using KeyRotation.Core.Targeting;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Tests.Support;
using KeyRotation.Simulation.Faults;
using static KeyRotation.Engine.Tests.Support.Org;

namespace KeyRotation.Engine.Tests.Sweep;

public sealed class IsolationTests
{
    [Fact]
    public async Task RunAsync_RoleMissingInOneAccount_ThatAccountSkippedAsRoleNotDeployedOthersProcessed()
    {
        var harness = new Harness(Of(
            Account("222222222222", DueUser("alice", "AKIAALICEEXAMPLEOLD1")),
            Account("333333333333", DueUser("bob", "AKIABOBEXAMPLE0OLD01")),
            Account("444444444444", DueUser("carl", "AKIACARLEXAMPLE0OLD1"))));
        harness.Faults.Add(FaultRule.Always(OperationNames.Sts, OperationNames.AssumeRole, "333333333333", FailureKind.AccessDenied));

        var report = await harness.RunAsync();

        Assert.Equal([AccountStatus.Processed, AccountStatus.Skipped, AccountStatus.Processed], report.Accounts.Select(a => a.Status));
        var skipped = report.Accounts[1];
        Assert.Equal("RoleNotDeployed", skipped.Reason);
        Assert.Contains(skipped.Notes, n => n.Contains("AccessDenied", StringComparison.Ordinal));
        Assert.Equal((0, 2, 1), (report.Summary.Failed, report.Summary.Processed, report.Summary.RoleRefused));
        var skippedEvent = Assert.Single(harness.World.AuditLog.Events, e => e.Action == AuditAction.AccountSkipped && e.AccountId == "333333333333");
        Assert.Contains("AccessDenied", skippedEvent.Detail, StringComparison.Ordinal);
        Assert.Equal(2, harness.World.IssuedKeys.Count);
    }

    [Fact]
    public async Task RunAsync_RoleMissingInAnAccountAskedForById_ThatAccountFailed()
    {
        var harness = new Harness(Of(
            Account("222222222222", DueUser("alice", "AKIAALICEEXAMPLEOLD1")),
            Account("333333333333", DueUser("bob", "AKIABOBEXAMPLE0OLD01"))));
        harness.Faults.Add(FaultRule.Always(OperationNames.Sts, OperationNames.AssumeRole, "333333333333", FailureKind.AccessDenied));
        var options = harness.Options() with
        {
            Targeting = AccountTargeting.All with { IncludeAccounts = new HashSet<string> { "222222222222", "333333333333" } },
        };

        var report = await harness.RunAsync(options);

        var failed = Assert.Single(report.Accounts, a => a.AccountId == "333333333333");
        Assert.Equal(AccountStatus.Failed, failed.Status);
        Assert.Contains("assuming the member role failed", failed.Error, StringComparison.Ordinal);
        Assert.Contains("AccessDenied", failed.Error, StringComparison.Ordinal);
        Assert.Single(harness.World.AuditLog.Events, e => e.Action == AuditAction.AccountFailed && e.AccountId == "333333333333");
    }

    [Fact]
    public async Task RunAsync_AccountUnknownToAccess_SkippedWithRoleMessage()
    {
        var harness = new Harness(Of(Account("222222222222", DueUser("alice", "AKIAALICEEXAMPLEOLD1"))));
        var ghost = new Core.Facts.AccountFacts("999999999999", "ghost", Core.Facts.AccountState.Active, [],
            new Dictionary<string, string>());

        var report = await harness.Sweep.RotateAccountAsync(ghost, harness.Options(), CancellationToken.None);

        Assert.Equal((AccountStatus.Skipped, "RoleNotDeployed"), (report.Status, report.Reason));
        Assert.Contains(report.Notes, n => n.Contains("role missing or trust denied", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_DiscoveryFailsInOneAccount_OthersProcessed()
    {
        var harness = new Harness(Of(
            Account("222222222222", DueUser("alice", "AKIAALICEEXAMPLEOLD1")),
            Account("333333333333", DueUser("bob", "AKIABOBEXAMPLE0OLD01"))));
        harness.Faults.Add(FaultRule.Always(OperationNames.Iam, OperationNames.ListUsers, "222222222222", FailureKind.Final));

        var report = await harness.RunAsync();

        Assert.Equal(AccountStatus.Failed, report.Accounts[0].Status);
        Assert.Contains("discovering users failed", report.Accounts[0].Error, StringComparison.Ordinal);
        Assert.Equal(AccountStatus.Processed, report.Accounts[1].Status);
    }

    [Fact]
    public async Task RunAsync_ReReadFails_MutationsNotAttemptedOtherUsersRotated()
    {
        var harness = new Harness(Of(Account("222222222222",
            DueUser("alice", "AKIAALICEEXAMPLEOLD1"), DueUser("bob", "AKIABOBEXAMPLE0OLD01"))));
        harness.Faults.Add(FaultRule.OnCall(OperationNames.Iam, OperationNames.GetUser, null, FailureKind.Throttling, 1));

        var report = await harness.RunAsync();

        var actions = Assert.Single(report.Accounts).Actions;
        Assert.Single(actions, a => a.Outcome == AuditOutcome.Failed && a.Error!.Contains("re-reading the user failed", StringComparison.Ordinal));
        Assert.Single(actions, a => a.Outcome == AuditOutcome.Succeeded);
        Assert.Single(harness.World.IssuedKeys);
    }
}
