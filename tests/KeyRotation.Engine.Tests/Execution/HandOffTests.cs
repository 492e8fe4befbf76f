using KeyRotation.Core.Audit;
using KeyRotation.Core.Facts;
using KeyRotation.Core.Planning;
using KeyRotation.Core.Policy;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Tests.Support;
using KeyRotation.Simulation.Faults;
using static KeyRotation.Engine.Tests.Support.Org;

namespace KeyRotation.Engine.Tests.Execution;

public sealed class HandOffTests
{
    private const string AccountId = "222222222222";
    private const string OldKey = "AKIAALICEEXAMPLEOLD1";

    [Fact]
    public async Task RunAsync_SecretStoreFails_NewKeyDeletedOldKeyUntouchedRollBackReported()
    {
        var harness = new Harness(Of(Account(AccountId, IdleOldUser("alice", OldKey))));
        harness.Faults.Add(FaultRule.Always(OperationNames.SecretsManager, OperationNames.CreateSecret, AccountId, FailureKind.AccessDenied));
        var before = Snapshot(harness.Organization);

        var report = await harness.RunAsync();

        Assert.Equal(before, Snapshot(harness.Organization));
        Assert.Equal(0, harness.World.Gate.CallsTo(OperationNames.UpdateAccessKey));
        var newKey = Assert.Single(harness.World.IssuedKeys).Key.AccessKeyId;
        var actions = Assert.Single(report.Accounts).Actions;
        Assert.Collection(actions,
            a =>
            {
                Assert.Equal((ActionKind.CreateKey, newKey, AuditOutcome.Failed), (a.Action, a.AccessKeyId, a.Outcome));
                Assert.Contains("storing the secret failed", a.Error, StringComparison.Ordinal);
            },
            a => Assert.Equal((ActionKind.DeleteKey, ReasonCode.RotationRolledBack, newKey, AuditOutcome.Succeeded),
                (a.Action, a.Reason, a.AccessKeyId, a.Outcome)),
            a =>
            {
                Assert.Equal((ActionKind.DeactivateKey, OldKey, AuditOutcome.Failed), (a.Action, a.AccessKeyId, a.Outcome));
                Assert.StartsWith("not attempted", a.Error, StringComparison.Ordinal);
            });
        Assert.Single(harness.World.AuditLog.Events, e =>
            e.Reason == nameof(ReasonCode.RotationRolledBack) && e.AccessKeyId == newKey && e.Outcome == AuditOutcome.Succeeded);
        Assert.DoesNotContain(harness.World.AuditLog.Events, e =>
            e.Action == nameof(ActionKind.DeactivateKey) && e.Outcome == AuditOutcome.Succeeded);
        var notice = Assert.Single(harness.World.Sns.Published);
        Assert.Equal(("RotationRolledBack", "warning"), (notice.Attributes["event"], notice.Attributes["severity"]));
    }

    [Fact]
    public async Task RunAsync_SecretStoreAndRollBackFail_ReportsKeyExistsUnhandled()
    {
        var harness = new Harness(Of(Account(AccountId, IdleOldUser("alice", OldKey))));
        harness.Faults.Add(FaultRule.Always(OperationNames.SecretsManager, OperationNames.CreateSecret, AccountId));
        harness.Faults.Add(FaultRule.Always(OperationNames.Iam, OperationNames.DeleteAccessKey, AccountId));

        var report = await harness.RunAsync();

        var newKey = Assert.Single(harness.World.IssuedKeys).Key.AccessKeyId;
        var rollBack = Assert.Single(Assert.Single(report.Accounts).Actions, a => a.Reason == ReasonCode.RotationRolledBack);
        Assert.Equal(AuditOutcome.Failed, rollBack.Outcome);
        Assert.Contains($"key {newKey} exists unhandled", rollBack.Error, StringComparison.Ordinal);
        Assert.Equal(AccessKeyStatus.Active, harness.Organization.Accounts[0].Users[0].AccessKeys.Single(k => k.Id == OldKey).Status);
        Assert.Equal("critical", Assert.Single(harness.World.Sns.Published).Attributes["severity"]);
        Assert.Contains(report.Summary.Failures, f => f.Error.Contains("exists unhandled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_CancelledAfterCreate_HandOffStillCompletes()
    {
        using var cancel = new CancellationTokenSource();
        var harness = new Harness(Of(Account(AccountId, IdleOldUser("alice", OldKey))), new CancelOnCall(OperationNames.CreateAccessKey, cancel));

        var report = await harness.Sweep.RunAsync(harness.Options(), cancel.Token);

        var created = Assert.Single(harness.World.IssuedKeys).Key.AccessKeyId;
        Assert.Equal(created, Assert.Single(harness.World.SecretVault.Secrets).Key.AccessKeyId);
        var actions = Assert.Single(report.Accounts).Actions;
        Assert.Equal((ActionKind.CreateKey, AuditOutcome.Succeeded), (actions[0].Action, actions[0].Outcome));
        Assert.Equal((ActionKind.DeactivateKey, AuditOutcome.Failed), (actions[1].Action, actions[1].Outcome));
        Assert.Equal(AccessKeyStatus.Active, harness.Organization.Accounts[0].Users[0].AccessKeys.Single(k => k.Id == OldKey).Status);
        Assert.Contains(harness.World.AuditLog.Events, e => e.Action == nameof(ActionKind.CreateKey) && e.AccessKeyId == created);
    }

    [Fact]
    public async Task RunAsync_NotificationDelivery_SecretOnlyInMessageAndAudited()
    {
        var harness = new Harness(Of(Account(AccountId, DueUser("bob", "AKIABOBEXAMPLE0OLD01"))));
        var options = harness.Options() with
        {
            Policy = RotationPolicy.Default with { SecretDelivery = SecretDelivery.Notification },
            PlaintextSubscribers = ["secops@example.com"],
        };

        var report = await harness.Sweep.RunAsync(options, CancellationToken.None);

        var issued = Assert.Single(harness.World.IssuedKeys).Key;
        var secret = issued.SecretAccessKey.Reveal();
        var message = Assert.Single(harness.World.Sns.Published);
        Assert.Contains(secret, message.Message, StringComparison.Ordinal);
        Assert.Equal("KeyCreated", message.Attributes["event"]);
        Assert.Empty(harness.World.SecretVault.Secrets);
        Assert.Contains(Assert.Single(report.Accounts).Actions, a =>
            a.Action == ActionKind.Warn && a.Reason == ReasonCode.SecretSentInNotification && a.AccessKeyId == issued.AccessKeyId);
        Assert.Single(harness.World.AuditLog.Events, e => e.Reason == nameof(ReasonCode.SecretSentInNotification));
        Assert.DoesNotContain(harness.World.AuditLog.Events, e => ReportText.Of(e).Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(secret, ReportText.Of(report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NotificationDeliveryPublishFails_NewKeyRolledBack()
    {
        var harness = new Harness(Of(Account(AccountId, DueUser("bob", "AKIABOBEXAMPLE0OLD01"))));
        harness.Faults.Add(FaultRule.OnCall(OperationNames.Sns, OperationNames.Publish, null, FailureKind.Transient, 1));
        var options = harness.Options() with
        {
            Policy = RotationPolicy.Default with { SecretDelivery = SecretDelivery.Notification },
            PlaintextSubscribers = ["secops@example.com"],
        };

        var report = await harness.Sweep.RunAsync(options, CancellationToken.None);

        Assert.Equal("AKIABOBEXAMPLE0OLD01", Assert.Single(harness.Organization.Accounts[0].Users[0].AccessKeys).Id);
        var actions = Assert.Single(report.Accounts).Actions;
        Assert.Contains(actions, a => a.Action == ActionKind.CreateKey && a.Outcome == AuditOutcome.Failed
            && a.Error!.Contains("sending the secret in the notification failed", StringComparison.Ordinal));
        Assert.Contains(actions, a => a.Reason == ReasonCode.RotationRolledBack && a.Outcome == AuditOutcome.Succeeded);
        Assert.DoesNotContain(actions, a => a.Reason == ReasonCode.SecretSentInNotification);
    }

    /// <summary>Cancels the run as soon as the named call has been let through once.</summary>
    private sealed class CancelOnCall(string operation, CancellationTokenSource cancel) : IFaultSource
    {
        private int seen;

        public ServiceException? FaultFor(SimulatedCall call)
        {
            if (call.Operation == operation && Interlocked.Increment(ref seen) == 1)
            {
                cancel.Cancel();
            }

            return null;
        }
    }
}
