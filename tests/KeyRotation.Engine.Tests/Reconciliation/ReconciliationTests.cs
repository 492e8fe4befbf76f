using KeyRotation.Core.Audit;
using KeyRotation.Core.Facts;
using KeyRotation.Core.Planning;
using KeyRotation.Engine.Execution;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Tests.Support;
using KeyRotation.Simulation.Faults;
using KeyRotation.Simulation.Model;
using static KeyRotation.Engine.Tests.Support.Org;

namespace KeyRotation.Engine.Tests.Reconciliation;

/// <summary>What a run does, before planning, with what an earlier run left open (ROTATION-POLICY.md, "Reconciliation").</summary>
public sealed class ReconciliationTests
{
    private const string AccountId = "222222222222";
    private const string OldKey = "AKIAALICEEXAMPLEOLD1";
    private const string LeftKey = "AKIAALICEXAMPLELEFT1";

    [Fact]
    public async Task Rerun_RollBackFailedEarlier_UnhandledKeyDeletedAndUserRotatedToAHeldKey()
    {
        var harness = new Harness(Of(Account(AccountId, IdleOldUser("alice", OldKey))));
        // Storing fails after the secret name was checked, and the roll-back's delete fails too.
        harness.Faults.Add(FaultRule.Always(OperationNames.SecretsManager, OperationNames.CreateSecret, AccountId));
        harness.Faults.Add(FaultRule.Always(OperationNames.Iam, OperationNames.DeleteAccessKey, AccountId));
        await harness.RunAsync();
        var unhandled = Assert.Single(harness.World.IssuedKeys).Key.AccessKeyId;
        harness.Faults.Clear();
        var toldBefore = harness.World.Sns.Published.Count;

        var report = await harness.RunAsync(harness.Options(runId: "run-2"));

        var actions = Assert.Single(report.Accounts).Actions;
        Assert.Equal(
            [(ActionKind.DeactivateKey, ReasonCode.OrphanedKey, unhandled), (ActionKind.DeleteKey, ReasonCode.OrphanedKey, unhandled)],
            actions.Take(2).Select(a => (a.Action, a.Reason, a.AccessKeyId)));
        Assert.All(actions, a => Assert.Equal(AuditOutcome.Succeeded, a.Outcome));
        var created = Assert.Single(actions, a => a.Action == ActionKind.CreateKey && a.Reason == ReasonCode.RotationDue).AccessKeyId;
        Assert.NotEqual(unhandled, created);
        var keys = harness.Organization.Accounts[0].Users[0].AccessKeys;
        Assert.Equal([(OldKey, AccessKeyStatus.Inactive), (created!, AccessKeyStatus.Active)], keys.Select(k => (k.Id, k.Status)));
        Assert.Equal(created, harness.World.SecretVault.Find(AccountId, "alice")?.Key.AccessKeyId);
        // The owner hears of the new key only, never of the one nobody holds.
        Assert.All(harness.World.Sns.Published.Skip(toldBefore), n => Assert.DoesNotContain(unhandled, n.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rerun_CreateIntentOpenAndKeyNobodyHolds_KeyDeletedIntentResolvedUserPlannedAgain()
    {
        var harness = new Harness(Of(Account(AccountId, User("alice", Key(OldKey, 170, 1), Key(LeftKey, 0, null)))));
        var intent = Intent(harness, nameof(ActionKind.CreateKey), null);

        var report = await harness.RunAsync(harness.Options(runId: "run-2"));

        var events = harness.World.AuditLog.Events;
        var outcome = Assert.Single(events, e => e.IntentId == intent.EventId);
        Assert.Equal((nameof(ActionKind.CreateKey), nameof(ReasonCode.Reconciled), LeftKey, AuditOutcome.Failed),
            (outcome.Action, outcome.Reason, outcome.AccessKeyId, outcome.Outcome));
        Assert.Single(events, e => e.Action == nameof(ActionKind.DeleteKey) && e.Reason == nameof(ReasonCode.OrphanedKey)
            && e.AccessKeyId == LeftKey && e.Outcome == AuditOutcome.Succeeded && e.IntentId is not null);
        var actions = Assert.Single(report.Accounts).Actions;
        Assert.Contains(actions, a => a.Action == ActionKind.CreateKey && a.Reason == ReasonCode.RotationDue && a.Outcome == AuditOutcome.Succeeded);
        Assert.DoesNotContain(harness.Organization.Accounts[0].Users[0].AccessKeys, k => k.Id == LeftKey);
        Assert.Contains(report.Accounts[0].Notes, n => n.Contains("left open by run run-1", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(4, true)]
    [InlineData(6, false)]
    public async Task Rerun_CreateIntentStampedByAHostAheadOfIam_KeyWithinSigV4SkewTakenBack(int hostAheadMinutes, bool takenBack)
    {
        // IAM dates the key by its clock, the host dates the intent by its own; SigV4 keeps the two within 5 minutes.
        var harness = new Harness(Of(Account(AccountId, User("alice", Key(OldKey, 170, 1), Key(LeftKey, 0, null)))));
        Intent(harness, nameof(ActionKind.CreateKey), null, Now + TimeSpan.FromMinutes(hostAheadMinutes));

        await harness.RunAsync(harness.Options(runId: "run-2"));

        Assert.Equal(takenBack, harness.World.AuditLog.Events.Any(e => e.Action == nameof(ActionKind.DeleteKey)
            && e.Reason == nameof(ReasonCode.OrphanedKey) && e.AccessKeyId == LeftKey));
    }

    [Fact]
    public async Task Rerun_CreateIntentOpenAndOwnersSecretNamesKey_OutcomeRecordedNothingChanged()
    {
        var harness = new Harness(Of(Account(AccountId, User("alice", Key(OldKey, 170, 1), Key(LeftKey, 0, null)))));
        var intent = Intent(harness, nameof(ActionKind.CreateKey), null);
        harness.World.SecretVault.Put(AccountId, "alice",
            new NewAccessKey(LeftKey, new SecretText("not-a-real-secret-EXAMPLE"), Now));
        var before = Snapshot(harness.Organization);

        var report = await harness.RunAsync(harness.Options(runId: "run-2"));

        var outcome = Assert.Single(harness.World.AuditLog.Events, e => e.IntentId == intent.EventId);
        Assert.Equal((nameof(ReasonCode.Reconciled), LeftKey, AuditOutcome.Succeeded), (outcome.Reason, outcome.AccessKeyId, outcome.Outcome));
        Assert.Equal(before, Snapshot(harness.Organization));
        Assert.Equal(0, harness.Mutations);
        Assert.DoesNotContain(report.Accounts[0].Actions, a => a.Outcome == AuditOutcome.Failed);
    }

    [Theory]
    [InlineData(nameof(ActionKind.DeactivateKey), AccessKeyStatus.Inactive, AuditOutcome.Succeeded)]
    [InlineData(nameof(ActionKind.DeactivateKey), AccessKeyStatus.Active, AuditOutcome.Failed)]
    [InlineData(nameof(ActionKind.DeleteKey), AccessKeyStatus.Inactive, AuditOutcome.Failed)]
    public async Task Rerun_ChangeIntentOpen_OutcomeIsWhatTheKeyShows(string action, AccessKeyStatus status, string expected)
    {
        var harness = new Harness(Of(Account(AccountId, User("alice", Key(OldKey, 20, 1, status)))));
        var intent = Intent(harness, action, OldKey);

        await harness.RunAsync(harness.Options(runId: "run-2"));

        var outcome = Assert.Single(harness.World.AuditLog.Events, e => e.IntentId == intent.EventId);
        Assert.Equal((action, nameof(ReasonCode.Reconciled), OldKey, expected), (outcome.Action, outcome.Reason, outcome.AccessKeyId, outcome.Outcome));
        Assert.Equal(0, harness.Mutations);
    }

    [Fact]
    public async Task Rerun_DeleteIntentOpenAndKeyGone_RecordedSucceeded()
    {
        var harness = new Harness(Of(Account(AccountId, User("alice", Key(OldKey, 20, 1)))));
        var intent = Intent(harness, nameof(ActionKind.DeleteKey), LeftKey);

        await harness.RunAsync(harness.Options(runId: "run-2"));

        var outcome = Assert.Single(harness.World.AuditLog.Events, e => e.IntentId == intent.EventId);
        Assert.Equal(AuditOutcome.Succeeded, outcome.Outcome);
    }

    [Fact]
    public async Task DryRun_IntentOpen_NotedAndNothingReconciled()
    {
        var harness = new Harness(Of(Account(AccountId, User("alice", Key(OldKey, 170, 1), Key(LeftKey, 0, null)))));
        var intent = Intent(harness, nameof(ActionKind.CreateKey), null);

        var report = await harness.RunAsync(harness.Options(dryRun: true, runId: "run-2"));

        Assert.DoesNotContain(harness.World.AuditLog.Events, e => e.IntentId == intent.EventId);
        Assert.Contains(report.Accounts[0].Notes, n => n.Contains("a real run reconciles them first", StringComparison.Ordinal));
        Assert.Equal(2, harness.Organization.Accounts[0].Users[0].AccessKeys.Count);
    }

    [Fact]
    public async Task Rerun_UserCannotBeReadForReconciliation_UserBlockedNotPlanned()
    {
        var harness = new Harness(Of(Account(AccountId, IdleOldUser("alice", OldKey), DueUser("bob", "AKIABOBEXAMPLE0OLD01"))));
        Intent(harness, nameof(ActionKind.CreateKey), null);
        // The first GetUser of the account is reconciliation's read of alice, before anything is discovered.
        harness.Faults.Add(FaultRule.OnCall(OperationNames.Iam, OperationNames.GetUser, AccountId, FailureKind.AccessDenied, 1));

        var report = await harness.RunAsync(harness.Options(runId: "run-2"));

        var blocked = Assert.Single(report.Accounts[0].Actions, a => a.UserName == "alice");
        Assert.Equal((ActionKind.Blocked, ReasonCode.Reconciled, AuditOutcome.Failed), (blocked.Action, blocked.Reason, blocked.Outcome));
        Assert.Equal(0, harness.World.Gate.CallsTo(OperationNames.UpdateAccessKey));
        Assert.Contains(report.Accounts[0].Actions, a => a.UserName == "bob" && a.Action == ActionKind.CreateKey && a.Outcome == AuditOutcome.Succeeded);
    }

    [Fact]
    public async Task Rerun_IntentOlderThanTheWindow_NotReconciled()
    {
        var harness = new Harness(Of(Account(AccountId, User("alice", Key(OldKey, 20, 1), Key(LeftKey, 0, null)))));
        var intent = Intent(harness, nameof(ActionKind.CreateKey), null, at: Now - TimeSpan.FromDays(31));

        await harness.RunAsync(harness.Options(runId: "run-2"));

        Assert.DoesNotContain(harness.World.AuditLog.Events, e => e.IntentId == intent.EventId);
    }

    /// <summary>An intent a stopped run "run-1" wrote for alice and never resolved.</summary>
    private static AuditEvent Intent(Harness harness, string action, string? keyId, DateTimeOffset? at = null)
    {
        var intent = new AuditEvent
        {
            EventId = AuditEventId.For("run-1", AccountId, "alice", keyId, action, "RotationDue", 0),
            OccurredAt = at ?? Now,
            RunId = "run-1",
            AccountId = AccountId,
            UserName = "alice",
            AccessKeyId = keyId,
            Action = action,
            Reason = "RotationDue",
            Outcome = AuditOutcome.Intended,
            ToolVersion = RunContext.ToolVersion,
        };
        harness.World.AuditLog.Seed([intent]);
        return intent;
    }
}
