using KeyRotation.Core.Audit;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Tests.Support;
using KeyRotation.Simulation.Faults;
using KeyRotation.Simulation.Ports;
using static KeyRotation.Engine.Tests.Support.Org;

namespace KeyRotation.Engine.Tests.Sweep;

public sealed class IsolationTests
{
    [Fact]
    public async Task RunAsync_RoleMissingInOneAccount_ThatAccountFailedOthersProcessed()
    {
        var harness = new Harness(Of(
            Account("222222222222", DueUser("alice", "AKIAALICE0000000OLD1")),
            Account("333333333333", DueUser("bob", "AKIABOB00000000OLD01")),
            Account("444444444444", DueUser("carl", "AKIACARL00000000OLD1"))));
        harness.Faults.Add(FaultRule.Always(SimulatedOperations.Sts, SimulatedOperations.AssumeRole, "333333333333", FailureKind.AccessDenied));

        var report = await harness.RunAsync();

        Assert.Equal([AccountStatus.Processed, AccountStatus.Failed, AccountStatus.Processed], report.Accounts.Select(a => a.Status));
        var failed = report.Accounts[1];
        Assert.Contains("assuming the member role failed", failed.Error, StringComparison.Ordinal);
        Assert.Contains("AccessDenied", failed.Error, StringComparison.Ordinal);
        Assert.Equal((1, 2), (report.Summary.Failed, report.Summary.Processed));
        Assert.Single(report.Summary.Failures, f => f.AccountId == "333333333333");
        Assert.Single(harness.World.AuditLog.Events, e => e.Action == AuditAction.AccountFailed && e.AccountId == "333333333333");
        Assert.Equal(2, harness.World.IssuedKeys.Count);
    }

    [Fact]
    public async Task RunAsync_AccountUnknownToAccess_FailedWithRoleMessage()
    {
        var harness = new Harness(Of(Account("222222222222", DueUser("alice", "AKIAALICE0000000OLD1"))));
        var ghost = new Core.Facts.AccountFacts("999999999999", "ghost", Core.Facts.AccountState.Active, [],
            new Dictionary<string, string>());

        var report = await harness.Sweep.RotateAccountAsync(ghost, harness.Options(), CancellationToken.None);

        Assert.Equal(AccountStatus.Failed, report.Status);
        Assert.Contains("role missing or trust denied", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_DiscoveryFailsInOneAccount_OthersProcessed()
    {
        var harness = new Harness(Of(
            Account("222222222222", DueUser("alice", "AKIAALICE0000000OLD1")),
            Account("333333333333", DueUser("bob", "AKIABOB00000000OLD01"))));
        harness.Faults.Add(FaultRule.Always(SimulatedOperations.Iam, SimulatedOperations.ListUsers, "222222222222", FailureKind.Final));

        var report = await harness.RunAsync();

        Assert.Equal(AccountStatus.Failed, report.Accounts[0].Status);
        Assert.Contains("discovering users failed", report.Accounts[0].Error, StringComparison.Ordinal);
        Assert.Equal(AccountStatus.Processed, report.Accounts[1].Status);
    }

    [Fact]
    public async Task RunAsync_ReReadFails_MutationsNotAttemptedOtherUsersRotated()
    {
        var harness = new Harness(Of(Account("222222222222",
            DueUser("alice", "AKIAALICE0000000OLD1"), DueUser("bob", "AKIABOB00000000OLD01"))));
        harness.Faults.Add(FaultRule.OnCall(SimulatedOperations.Iam, SimulatedOperations.GetUser, null, FailureKind.Throttling, 1));

        var report = await harness.RunAsync();

        var actions = Assert.Single(report.Accounts).Actions;
        Assert.Single(actions, a => a.Outcome == AuditOutcome.Failed && a.Error!.Contains("re-reading the user failed", StringComparison.Ordinal));
        Assert.Single(actions, a => a.Outcome == AuditOutcome.Succeeded);
        Assert.Single(harness.World.IssuedKeys);
    }
}
