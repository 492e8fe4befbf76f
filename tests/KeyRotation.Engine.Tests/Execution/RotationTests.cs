using KeyRotation.Core.Audit;
using KeyRotation.Core.Facts;
using KeyRotation.Core.Planning;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Tests.Support;
using KeyRotation.Simulation.Faults;
using static KeyRotation.Engine.Tests.Support.Org;

namespace KeyRotation.Engine.Tests.Execution;

public sealed class RotationTests
{
    private const string AccountId = "222222222222";

    [Fact]
    public async Task RunAsync_IdleKeyPastDeactivateAge_CreatesStoresAndDeactivatesOld()
    {
        var harness = new Harness(Of(Account(AccountId, IdleOldUser("alice", "AKIAALICEEXAMPLEOLD1"))));

        var report = await harness.RunAsync();

        var keys = harness.Organization.Accounts[0].Users[0].AccessKeys;
        var old = keys.Single(k => k.Id == "AKIAALICEEXAMPLEOLD1");
        var created = keys.Single(k => k.Id != old.Id);
        Assert.Equal(AccessKeyStatus.Inactive, old.Status);
        Assert.Equal(AccessKeyStatus.Active, created.Status);
        Assert.Equal(Now, created.CreatedAt);
        var stored = Assert.Single(harness.World.SecretVault.Secrets);
        Assert.Equal(created.Id, stored.Key.AccessKeyId);
        Assert.Equal("alice", stored.UserName);

        var actions = Assert.Single(report.Accounts).Actions;
        Assert.Collection(actions,
            a =>
            {
                Assert.Equal((ActionKind.CreateKey, ReasonCode.RotationDue, AuditOutcome.Succeeded), (a.Action, a.Reason, a.Outcome));
                Assert.Equal(created.Id, a.AccessKeyId);
                Assert.Contains(stored.Location, a.Detail, StringComparison.Ordinal);
            },
            a => Assert.Equal((ActionKind.DeactivateKey, "AKIAALICEEXAMPLEOLD1", AuditOutcome.Succeeded), (a.Action, a.AccessKeyId, a.Outcome)));
        Assert.Equal(1, harness.World.Gate.CallsTo(OperationNames.GetUser));
        Assert.Equal(new Dictionary<string, int> { ["CreateKey"] = 1, ["DeactivateKey"] = 1 }, report.Summary.Actions);
    }

    [Fact]
    public async Task RunAsync_ExemptUser_NothingChangedSkipRecorded()
    {
        var alice = IdleOldUser("alice", "AKIAALICEEXAMPLEOLD1");
        alice.Tags["key-rotation:exempt"] = "true";
        var harness = new Harness(Of(Account(AccountId, alice)));
        var before = Snapshot(harness.Organization);

        var report = await harness.RunAsync();

        Assert.Equal(before, Snapshot(harness.Organization));
        var action = Assert.Single(Assert.Single(report.Accounts).Actions);
        Assert.Equal((ActionKind.Skip, ReasonCode.Exempt, AuditOutcome.Succeeded), (action.Action, action.Reason, action.Outcome));
        Assert.Equal(0, harness.Mutations);
        Assert.Empty(harness.World.Sns.Published);
        Assert.Single(harness.World.AuditLog.Events, e => e.UserName == "alice" && e.Reason == nameof(ReasonCode.Exempt));
    }

    [Fact]
    public async Task RunAsync_TwoActiveKeysRotationDue_BlockedKeyLimitAndOwnerTold()
    {
        var carol = User("carol", Key("AKIACAROLEXAMPLEOLD1", 200, 1), Key("AKIACAROLEXAMPLEOLD2", 170, 1));
        var harness = new Harness(Of(Account(AccountId, carol)));

        var report = await harness.RunAsync();

        var account = Assert.Single(report.Accounts);
        Assert.Equal(AccountStatus.Processed, account.Status);
        Assert.Contains(account.Actions, a => a.Action == ActionKind.Blocked && a.Reason == ReasonCode.KeyLimit);
        Assert.Equal(0, harness.World.Gate.CallsTo(OperationNames.CreateAccessKey));
        Assert.Equal(2, carol.AccessKeys.Count);
        var notice = Assert.Single(harness.World.Sns.Published, n => n.Attributes["event"] == "KeyLimit");
        Assert.Equal("carol@example.com", notice.Attributes["owner"]);
        Assert.Equal("warning", notice.Attributes["severity"]);
    }

    [Fact]
    public async Task RunAsync_IamRefusesThirdKeyAtCreate_BlockedKeyLimitNotCrash()
    {
        var harness = new Harness(Of(Account(AccountId, DueUser("dave", "AKIADAVEEXAMPLE0OLD1"))));
        harness.Faults.Add(FaultRule.Always(OperationNames.Iam, OperationNames.CreateAccessKey, AccountId,
            FailureKind.LimitExceeded));

        var report = await harness.RunAsync();

        var account = Assert.Single(report.Accounts);
        Assert.Equal(AccountStatus.Processed, account.Status);
        var blocked = Assert.Single(account.Actions);
        Assert.Equal((ActionKind.Blocked, ReasonCode.KeyLimit, AuditOutcome.Succeeded), (blocked.Action, blocked.Reason, blocked.Outcome));
        Assert.Single(harness.World.Sns.Published, n => n.Attributes["event"] == "KeyLimit" && n.Attributes["user"] == "dave");
        Assert.Single(harness.World.AuditLog.Events, e => e.Action == nameof(ActionKind.Blocked) && e.UserName == "dave");
        Assert.Empty(harness.World.SecretVault.Secrets);
    }

    [Fact]
    public async Task RunAsync_CreateFailsOtherwise_FailedAndRestOfPlanNotAttempted()
    {
        var harness = new Harness(Of(Account(AccountId, IdleOldUser("alice", "AKIAALICEEXAMPLEOLD1"))));
        harness.Faults.Add(FaultRule.Always(OperationNames.Iam, OperationNames.CreateAccessKey, AccountId,
            FailureKind.AccessDenied));

        var report = await harness.RunAsync();

        var actions = Assert.Single(report.Accounts).Actions;
        Assert.Equal(AuditOutcome.Failed, actions[0].Outcome);
        Assert.Contains("AccessDenied", actions[0].Error, StringComparison.Ordinal);
        Assert.Equal((ActionKind.DeactivateKey, AuditOutcome.Failed), (actions[1].Action, actions[1].Outcome));
        Assert.StartsWith("not attempted", actions[1].Error, StringComparison.Ordinal);
        Assert.Equal(AccessKeyStatus.Active, harness.Organization.Accounts[0].Users[0].AccessKeys.Single().Status);
        Assert.Equal(2, report.Summary.Failures.Count);
    }

    [Fact]
    public async Task RunAsync_AuditShowsRecentDeactivation_InactiveKeyKeptInRecoveryWindow()
    {
        // The model does not know the tool deactivated this key; only the audit trail does.
        var erin = User("erin", Key("AKIAERINEXAMPLE0NEW1", 20, 1), Key("AKIAERINEXAMPLE0OLD1", 190, 30, AccessKeyStatus.Inactive));
        var harness = new Harness(Of(Account(AccountId, erin)));
        harness.World.AuditLog.Seed([DeactivationEvent("AKIAERINEXAMPLE0OLD1", Now.AddDays(-2))]);

        var report = await harness.RunAsync();

        Assert.Equal(2, erin.AccessKeys.Count);
        Assert.DoesNotContain(Assert.Single(report.Accounts).Actions, a => a.Action == ActionKind.DeleteKey);
    }

    [Fact]
    public async Task RunAsync_NoAuditedDeactivation_InactiveKeyPastDeleteAgeDeleted()
    {
        var erin = User("erin", Key("AKIAERINEXAMPLE0NEW1", 20, 1), Key("AKIAERINEXAMPLE0OLD1", 190, 30, AccessKeyStatus.Inactive));
        var harness = new Harness(Of(Account(AccountId, erin)));

        var report = await harness.RunAsync();

        Assert.Equal("AKIAERINEXAMPLE0NEW1", Assert.Single(erin.AccessKeys).Id);
        var delete = Assert.Single(Assert.Single(report.Accounts).Actions);
        Assert.Equal((ActionKind.DeleteKey, ReasonCode.InactivePastDeleteAge, AuditOutcome.Succeeded), (delete.Action, delete.Reason, delete.Outcome));
        Assert.Single(harness.World.Sns.Published, n => n.Attributes["event"] == "KeyDeleted");
    }

    [Fact]
    public async Task RunAsync_KeyInUsePastDeactivateAge_WarnsOwnerAndKeepsKeyActive()
    {
        var frank = User("frank", Key("AKIAFRANKEXAMPLEOLD1", 190, 1));
        var harness = new Harness(Of(Account(AccountId, frank)));

        var report = await harness.RunAsync();

        Assert.Contains(Assert.Single(report.Accounts).Actions, a => a.Action == ActionKind.Warn && a.Reason == ReasonCode.StillInUse);
        Assert.Equal(AccessKeyStatus.Active, frank.AccessKeys.Single(k => k.Id == "AKIAFRANKEXAMPLEOLD1").Status);
        Assert.Single(harness.World.Sns.Published, n => n.Attributes["event"] == "StillInUse");
    }

    private static AuditEvent DeactivationEvent(string keyId, DateTimeOffset at) => new()
    {
        EventId = "seeded-" + keyId,
        OccurredAt = at,
        RunId = "earlier-run",
        AccountId = AccountId,
        UserName = "erin",
        AccessKeyId = keyId,
        Action = nameof(ActionKind.DeactivateKey),
        Outcome = AuditOutcome.Succeeded,
        ToolVersion = "test",
    };
}
