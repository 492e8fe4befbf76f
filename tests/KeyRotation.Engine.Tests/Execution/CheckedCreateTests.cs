using KeyRotation.Core.Audit;
using KeyRotation.Core.Facts;
using KeyRotation.Core.Planning;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Sweep;
using KeyRotation.Engine.Tests.Support;
using KeyRotation.Simulation.Faults;
using static KeyRotation.Engine.Tests.Support.Org;

namespace KeyRotation.Engine.Tests.Execution;

/// <summary>A create that failed with a 5xx or a timeout is checked, then sent again or taken back.</summary>
public sealed class CheckedCreateTests
{
    private const string AccountId = "222222222222";
    private const string OldKey = "AKIAALICEEXAMPLEOLD1";

    [Fact]
    public async Task RunAsync_CreateFailsTransientlyNoKeyAppeared_SentAgainAndRotated()
    {
        var harness = new Harness(Of(Account(AccountId, IdleOldUser("alice", OldKey))));
        harness.Faults.Add(FaultRule.OnCall(OperationNames.Iam, OperationNames.CreateAccessKey, AccountId, FailureKind.Transient, 1));

        var report = await harness.RunAsync();

        var created = Assert.Single(harness.World.IssuedKeys).Key.AccessKeyId;
        Assert.Equal(2, harness.World.Gate.CallsTo(OperationNames.CreateAccessKey));
        Assert.Equal(2, harness.World.Gate.CallsTo(OperationNames.GetUser));
        Assert.Equal(created, Assert.Single(harness.World.SecretVault.Secrets).Key.AccessKeyId);
        var account = Assert.Single(report.Accounts);
        Assert.All(account.Actions, a => Assert.Equal(AuditOutcome.Succeeded, a.Outcome));
        Assert.Contains(account.Notes, n => n.Contains("CreateKey attempt 1 failed", StringComparison.Ordinal));
        Assert.Equal(1, report.Summary.Retries);
    }

    [Fact]
    public async Task RunAsync_CreateKeepsFailingTransiently_GivesUpAfterAttemptsOldKeyUntouched()
    {
        var harness = new Harness(Of(Account(AccountId, IdleOldUser("alice", OldKey))));
        harness.Faults.Add(FaultRule.Always(OperationNames.Iam, OperationNames.CreateAccessKey, AccountId, FailureKind.Transient));
        var before = Snapshot(harness.Organization);

        var report = await harness.RunAsync();

        Assert.Equal(3, harness.World.Gate.CallsTo(OperationNames.CreateAccessKey));
        Assert.Equal(before, Snapshot(harness.Organization));
        var create = Assert.Single(report.Accounts).Actions[0];
        Assert.Equal((ActionKind.CreateKey, AuditOutcome.Failed), (create.Action, create.Outcome));
        Assert.Contains("ServiceUnavailable", create.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CreateNotTransient_NotSentAgain()
    {
        var harness = new Harness(Of(Account(AccountId, IdleOldUser("alice", OldKey))));
        harness.Faults.Add(FaultRule.Always(OperationNames.Iam, OperationNames.CreateAccessKey, AccountId, FailureKind.Final));

        await harness.RunAsync();

        Assert.Equal(1, harness.World.Gate.CallsTo(OperationNames.CreateAccessKey));
        Assert.Equal(1, harness.World.Gate.CallsTo(OperationNames.GetUser));
    }

    [Fact]
    public async Task RunAsync_CheckingReadFails_CreateFailedSayingSo()
    {
        var harness = new Harness(Of(Account(AccountId, IdleOldUser("alice", OldKey))));
        harness.Faults.Add(FaultRule.OnCall(OperationNames.Iam, OperationNames.CreateAccessKey, AccountId, FailureKind.Transient, 1));
        harness.Faults.Add(FaultRule.OnCall(OperationNames.Iam, OperationNames.GetUser, AccountId, FailureKind.Final, 2));

        var report = await harness.RunAsync();

        Assert.Empty(harness.World.IssuedKeys);
        var create = Assert.Single(report.Accounts).Actions[0];
        Assert.Equal(AuditOutcome.Failed, create.Outcome);
        Assert.Contains("whether IAM created the key anyway could not be checked", create.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CreateAnswerLostAfterKeyMade_OrphanDeletedNotSentAgain()
    {
        var harness = new Harness(Of(Account(AccountId, IdleOldUser("alice", OldKey))));
        var services = harness.Services with { AccountAccess = new LosingCreateAnswers(harness.Services.AccountAccess) };

        var report = await new OrganizationSweep(services).RunAsync(harness.Options(), CancellationToken.None);

        var orphan = Assert.Single(harness.World.IssuedKeys).Key.AccessKeyId;
        Assert.Equal(1, harness.World.Gate.CallsTo(OperationNames.CreateAccessKey));
        Assert.Equal([OldKey], harness.Organization.Accounts[0].Users[0].AccessKeys.Select(k => k.Id));
        Assert.Equal(AccessKeyStatus.Active, harness.Organization.Accounts[0].Users[0].AccessKeys[0].Status);
        Assert.Empty(harness.World.SecretVault.Secrets);
        var actions = Assert.Single(report.Accounts).Actions;
        Assert.Contains(actions, a => a is { Action: ActionKind.CreateKey, Outcome: AuditOutcome.Failed }
            && a.AccessKeyId == orphan && a.Error!.Contains("created the key anyway", StringComparison.Ordinal));
        Assert.Contains(actions, a => a is { Action: ActionKind.DeleteKey, Reason: ReasonCode.RotationRolledBack, Outcome: AuditOutcome.Succeeded }
            && a.AccessKeyId == orphan);
        Assert.Contains(actions, a => a is { Action: ActionKind.DeactivateKey, Outcome: AuditOutcome.Failed });
    }

    /// <summary>IAM creates the key, then the answer is lost (a timeout): what a real create can do.</summary>
    private sealed class LosingCreateAnswers(IAccountAccess inner) : IAccountAccess
    {
        public async Task<IAccountSession> OpenAsync(string accountId, CancellationToken cancellationToken)
        {
            var session = await inner.OpenAsync(accountId, cancellationToken);
            return new Session(session.AccountId, new Identity(session.Identity), session.Secrets);
        }

        private sealed record Session(string AccountId, IIdentityStore Identity, ISecretStore Secrets) : IAccountSession;

        private sealed class Identity(IIdentityStore inner) : IIdentityStore
        {
            public Task<DiscoveredUsers> DiscoverUsersAsync(CancellationToken cancellationToken) =>
                inner.DiscoverUsersAsync(cancellationToken);

            public Task<UserFacts?> ReadUserAsync(string userName, CancellationToken cancellationToken) =>
                inner.ReadUserAsync(userName, cancellationToken);

            public async Task<NewAccessKey> CreateAccessKeyAsync(string userName, CancellationToken cancellationToken)
            {
                await inner.CreateAccessKeyAsync(userName, cancellationToken);
                throw new ServiceException("iam", "CreateAccessKey", "RequestTimeout", FailureKind.Transient);
            }

            public Task UpdateAccessKeyStatusAsync(string userName, string accessKeyId, AccessKeyStatus status, CancellationToken cancellationToken) =>
                inner.UpdateAccessKeyStatusAsync(userName, accessKeyId, status, cancellationToken);

            public Task DeleteAccessKeyAsync(string userName, string accessKeyId, CancellationToken cancellationToken) =>
                inner.DeleteAccessKeyAsync(userName, accessKeyId, cancellationToken);

            public Task<string?> FindAccessKeyOwnerAsync(string accessKeyId, CancellationToken cancellationToken) =>
                inner.FindAccessKeyOwnerAsync(accessKeyId, cancellationToken);
        }
    }
}
