using KeyRotation.Core.Audit;
using KeyRotation.Core.Facts;
using KeyRotation.Core.Planning;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Tests.Support;
using KeyRotation.Simulation.Faults;
using KeyRotation.Simulation.Ports;
using static KeyRotation.Engine.Tests.Support.Org;

namespace KeyRotation.Engine.Tests.Security;

/// <summary>A secret under the tool's name that the tool did not create never receives a key.</summary>
public sealed class SecretNameTakenTests
{
    private const string AccountId = "222222222222";
    private const string OldKey = "AKIAALICEEXAMPLEOLD1";

    [Fact]
    public async Task RunAsync_SecretNameTakenBySomeoneElse_BlockedNoKeyCreatedOwnerToldAudited()
    {
        var harness = new Harness(Of(Account(AccountId, DueUser("alice", OldKey))));
        harness.World.SecretVault.TakeName(AccountId, "alice", "mallory");

        var report = await harness.RunAsync();

        Assert.Empty(harness.World.IssuedKeys);
        Assert.Equal(0, harness.World.Gate.CallsTo(OperationNames.CreateAccessKey));
        Assert.Equal(0, harness.World.Gate.CallsTo(OperationNames.CreateSecret) + harness.World.Gate.CallsTo(OperationNames.PutSecretValue));
        Assert.Null(harness.World.SecretVault.Find(AccountId, "alice"));
        Assert.Equal("mallory", harness.World.SecretVault.TakenBy(AccountId, "alice"));
        var action = Assert.Single(Assert.Single(report.Accounts).Actions);
        Assert.Equal((ActionKind.Blocked, ReasonCode.SecretNameTaken, AuditOutcome.Succeeded, null),
            (action.Action, action.Reason, action.Outcome, action.AccessKeyId));
        Assert.Contains("key-rotation/alice", action.Detail, StringComparison.Ordinal);
        Assert.Contains("no key was created", action.Detail, StringComparison.Ordinal);
        Assert.Single(harness.World.AuditLog.Events, e =>
            e.Action == nameof(ActionKind.Blocked) && e.Reason == nameof(ReasonCode.SecretNameTaken) && e.UserName == "alice");
        var notice = Assert.Single(harness.World.Sns.Published);
        Assert.Equal(("SecretNameTaken", "critical", "alice@example.com"),
            (notice.Attributes["event"], notice.Attributes["severity"], notice.Attributes["owner"]));
        Assert.Contains("No key was created", notice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SecretNameTakenAndOldKeyIdle_OldKeyStillJudgedByThePolicy()
    {
        var harness = new Harness(Of(Account(AccountId, IdleOldUser("alice", OldKey))));
        harness.World.SecretVault.TakeName(AccountId, "alice", "mallory");

        var report = await harness.RunAsync();

        Assert.Empty(harness.World.IssuedKeys);
        Assert.Equal(
            [(ActionKind.Blocked, ReasonCode.SecretNameTaken), (ActionKind.DeactivateKey, ReasonCode.PastDeactivateAgeAndIdle)],
            Assert.Single(report.Accounts).Actions.Select(a => (a.Action, a.Reason)));
    }

    [Fact]
    public async Task RunAsync_OwnSecretExists_UpdatedWithTheNewKey()
    {
        var harness = new Harness(Of(Account(AccountId, DueUser("alice", OldKey))));
        var session = await harness.World.AccountAccess.OpenAsync(AccountId, CancellationToken.None);
        await session.Secrets.StoreAccessKeyAsync("alice",
            new NewAccessKey("AKIAEXAMPLEPREVIOUS1", new SecretText("previous"), Now.AddDays(-170)), CancellationToken.None);

        var report = await harness.RunAsync();

        var created = Assert.Single(harness.World.IssuedKeys).Key;
        Assert.Equal(created.AccessKeyId, harness.World.SecretVault.Find(AccountId, "alice")!.Key.AccessKeyId);
        Assert.Equal(created.AccessKeyId, harness.World.SecretVault.Describe(AccountId, "key-rotation/alice")!.Tags["key-rotation:access-key-id"]);
        var action = Assert.Single(Assert.Single(report.Accounts).Actions);
        Assert.Equal((ActionKind.CreateKey, AuditOutcome.Succeeded), (action.Action, action.Outcome));
    }

    [Fact]
    public async Task RunAsync_CheckingTheSecretFails_NoKeyCreatedAndCreateReportedFailed()
    {
        var harness = new Harness(Of(Account(AccountId, IdleOldUser("alice", OldKey))));
        harness.Faults.Add(FaultRule.Always(OperationNames.SecretsManager, OperationNames.DescribeSecret, AccountId,
            FailureKind.AccessDenied));

        var report = await harness.RunAsync();

        Assert.Empty(harness.World.IssuedKeys);
        var actions = Assert.Single(report.Accounts).Actions;
        Assert.Equal((ActionKind.CreateKey, AuditOutcome.Failed), (actions[0].Action, actions[0].Outcome));
        Assert.Contains("checking the user's secret failed", actions[0].Error, StringComparison.Ordinal);
        Assert.Equal((ActionKind.DeactivateKey, AuditOutcome.Failed), (actions[1].Action, actions[1].Outcome));
        Assert.Equal(AccessKeyStatus.Active, harness.Organization.Accounts[0].Users[0].AccessKeys.Single().Status);
    }

    [Fact]
    public async Task RunAsync_NameTakenBetweenCheckAndStore_NothingWrittenKeyTakenBack()
    {
        var squatter = new TakeNameOnCall(OperationNames.CreateAccessKey, AccountId, "alice");
        var harness = new Harness(Of(Account(AccountId, DueUser("alice", OldKey))), squatter);
        var vault = harness.World.SecretVault;
        squatter.Vault = vault;

        var report = await harness.RunAsync();

        var created = Assert.Single(harness.World.IssuedKeys).Key.AccessKeyId;
        Assert.Null(vault.Find(AccountId, "alice"));
        Assert.DoesNotContain(harness.Organization.Accounts[0].Users[0].AccessKeys, k => k.Id == created);
        Assert.Contains(Assert.Single(report.Accounts).Actions, a =>
            a.Reason == ReasonCode.RotationRolledBack && a.Outcome == AuditOutcome.Succeeded && a.AccessKeyId == created);
    }

    [Fact]
    public async Task DryRun_SecretNameTaken_NoSecretsManagerCall()
    {
        var harness = new Harness(Of(Account(AccountId, DueUser("alice", OldKey))));
        harness.World.SecretVault.TakeName(AccountId, "alice", "mallory");

        await harness.RunAsync(harness.Options(dryRun: true));

        Assert.Equal(0, harness.World.Gate.CallsTo(OperationNames.DescribeSecret));
    }

    /// <summary>Someone takes the secret's name while the key is being created (the race the store must catch).</summary>
    private sealed class TakeNameOnCall(string operation, string accountId, string userName) : IFaultSource
    {
        public SimulatedSecretVault? Vault { get; set; }

        public ServiceException? FaultFor(SimulatedCall call)
        {
            if (call.Operation == operation && call.AccountId == accountId && Vault?.TakenBy(accountId, userName) is null)
            {
                Vault?.TakeName(accountId, userName, "mallory");
            }

            return null;
        }
    }
}
