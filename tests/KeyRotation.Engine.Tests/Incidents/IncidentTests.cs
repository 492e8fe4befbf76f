using System.Text.Json;
using KeyRotation.Core.Audit;
using KeyRotation.Core.Facts;
using KeyRotation.Core.Planning;
using KeyRotation.Engine.Incidents;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Tests.Support;
using KeyRotation.Simulation.Faults;
using KeyRotation.Simulation.Model;
using static KeyRotation.Engine.Tests.Support.Org;

namespace KeyRotation.Engine.Tests.Incidents;

public sealed class IncidentTests
{
    private const string Target = "AKIAEXAMPLETARGET017";
    private const string TargetAccount = "200000000017";
    private const string Operator = "arn:aws:sts::111111111111:assumed-role/SecOps/alice";

    /// <summary>40 accounts of 3 users with one key each; the target is user-1 of the 18th account.</summary>
    private static SimulatedOrganization Many()
    {
        var accounts = Enumerable.Range(0, 40).Select(a => Account($"2000000000{a:D2}",
            Enumerable.Range(0, 3).Select(u => User($"user-{u}",
                Key(a == 17 && u == 1 ? Target : $"AKIAEXAMPLEA{a:D2}U{u}000", 30, 1))).ToArray())).ToArray();
        return Of(accounts);
    }

    private static Harness HarnessFor(SimulatedOrganization organization, params IFaultSource[] faults) => new(organization, faults);

    private static Task<IncidentReport> RevokeAsync(Harness h, IncidentRequest request, bool dryRun = false) =>
        new IncidentResponder(h.Services).RevokeAsync(h.Options(dryRun) with { Actor = Operator }, request, CancellationToken.None);

    private static Task<IncidentReport> RestoreAsync(Harness h, IncidentRequest request, bool dryRun = false) =>
        new IncidentResponder(h.Services).RestoreAsync(h.Options(dryRun) with { Actor = Operator }, request, CancellationToken.None);

    [Fact]
    public async Task Revoke_KeyAmongManyAccounts_DeactivatesOnlyThatKey()
    {
        var h = HarnessFor(Many());
        var before = Snapshot(h.Organization).Split('\n');

        var report = await RevokeAsync(h, new IncidentRequest(Target, "pasted in a public repository (INC-7)"));

        Assert.Null(report.Refusal);
        Assert.Equal((TargetAccount, "user-1"), (report.AccountId, report.UserName));
        var changed = before.Zip(Snapshot(h.Organization).Split('\n')).Where(p => p.First != p.Second).ToArray();
        Assert.Single(changed);
        Assert.Contains($"{TargetAccount}/user-1/{Target} Inactive", changed[0].Second, StringComparison.Ordinal);
        // Found from the id alone: no listing of the organization, no discovery of any account.
        Assert.Equal(0, h.World.Gate.CallsTo(OperationNames.ListRoots));
        Assert.Equal(0, h.World.Gate.CallsTo(OperationNames.ListUsers));
        Assert.Equal(1, h.World.Gate.CallsTo(OperationNames.AssumeRole));
        Assert.Equal(1, h.World.Gate.CallsTo(OperationNames.UpdateAccessKey));
    }

    [Fact]
    public async Task Revoke_Confirmed_AuditsOperatorAndReasonAndTellsTheOwner()
    {
        var h = HarnessFor(Many());

        await RevokeAsync(h, new IncidentRequest(Target, "pasted in a public repository (INC-7)"));

        var intent = Assert.Single(h.World.AuditLog.Events, e => e.Action == nameof(ActionKind.RevokeKey) && e.IsIntent);
        var revoked = Assert.Single(h.World.AuditLog.Events, e => e.Action == nameof(ActionKind.RevokeKey) && !e.IsIntent);
        Assert.Equal(intent.EventId, revoked.IntentId);
        Assert.Equal((TargetAccount, "user-1", Target, nameof(ReasonCode.Revoked), AuditOutcome.Succeeded, Operator),
            (revoked.AccountId, revoked.UserName, revoked.AccessKeyId, revoked.Reason, revoked.Outcome, revoked.Actor));
        Assert.Contains("INC-7", revoked.Detail, StringComparison.Ordinal);
        var message = Assert.Single(h.World.Sns.Published);
        Assert.Equal("KeyRevoked", message.Attributes["event"]);
        Assert.Equal("user-1@example.com", message.Attributes["owner"]);
        Assert.Contains(Operator, message.Message, StringComparison.Ordinal);
        Assert.Contains("INC-7", message.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_WithoutConfirm_ChangesNothingAndRecordsPlanned()
    {
        var h = HarnessFor(Many());
        var before = Snapshot(h.Organization);

        var report = await RevokeAsync(h, new IncidentRequest(Target, "drill", Replace: true), dryRun: true);

        Assert.Equal(before, Snapshot(h.Organization));
        Assert.Equal(0, h.Mutations);
        Assert.Empty(h.World.Sns.Published);
        Assert.Equal([(ActionKind.RevokeKey, AuditOutcome.Planned), (ActionKind.CreateKey, AuditOutcome.Planned)],
            report.Actions.Select(a => (a.Action, a.Outcome)));
    }

    [Fact]
    public async Task Revoke_WithReplace_HandsTheNewSecretToTheVaultAndLeaksItNowhere()
    {
        var h = HarnessFor(Many());

        var report = await RevokeAsync(h, new IncidentRequest(Target, "INC-8", Replace: true));

        var issued = Assert.Single(h.World.IssuedKeys);
        var stored = h.World.SecretVault.Find(TargetAccount, "user-1");
        Assert.NotNull(stored);
        Assert.Equal(issued.Key.AccessKeyId, stored.Key.AccessKeyId);
        var create = Assert.Single(report.Actions, a => a.Action == ActionKind.CreateKey);
        Assert.Equal((ReasonCode.Revoked, AuditOutcome.Succeeded, issued.Key.AccessKeyId), (create.Reason, create.Outcome, create.AccessKeyId));
        var keys = h.Organization.Accounts.Single(a => a.Id == TargetAccount).Users.Single(u => u.Name == "user-1").AccessKeys;
        Assert.Equal([(Target, AccessKeyStatus.Inactive), (issued.Key.AccessKeyId, AccessKeyStatus.Active)], keys.Select(k => (k.Id, k.Status)));
        var secret = issued.Key.SecretAccessKey.Reveal();
        var everything = JsonSerializer.Serialize(report) + JsonSerializer.Serialize(h.World.AuditLog.Events)
            + JsonSerializer.Serialize(h.World.Sns.Published);
        Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        Assert.Contains(h.World.Sns.Published, n => n.Attributes["event"] == "KeyCreated");
    }

    [Fact]
    public async Task Revoke_ReplaceForUserWithTwoKeys_BlockedKeyLimitAndNothingDeleted()
    {
        var h = HarnessFor(Of(Account("222222222222", User("bob", Key(Target, 30, 1), Key("AKIAEXAMPLEBOBSECOND", 5, 1)))));

        var report = await RevokeAsync(h, new IncidentRequest(Target, "INC-9", Replace: true));

        Assert.Equal([(ActionKind.RevokeKey, ReasonCode.Revoked), (ActionKind.Blocked, ReasonCode.KeyLimit)],
            report.Actions.Select(a => (a.Action, a.Reason)));
        Assert.Equal(0, h.World.Gate.CallsTo(OperationNames.CreateAccessKey));
        Assert.Equal(0, h.World.Gate.CallsTo(OperationNames.DeleteAccessKey));
        Assert.Equal(2, h.Organization.Accounts[0].Users[0].AccessKeys.Count);
        Assert.Contains(h.World.Sns.Published, n => n.Attributes["event"] == "KeyLimit");
    }

    [Fact]
    public async Task Revoke_ExemptUserInOptedOutAccount_RevokedAnywayAndSaysSo()
    {
        var account = Account("222222222222", User("frank", Key(Target, 30, 1)));
        account.Tags["key-rotation:opt-out"] = "true";
        account.Users[0].Tags["key-rotation:exempt"] = "true";
        var h = HarnessFor(Of(account));

        var report = await RevokeAsync(h, new IncidentRequest(Target, "INC-10"));

        Assert.Equal(AccessKeyStatus.Inactive, account.Users[0].AccessKeys[0].Status);
        Assert.Contains(report.Notes, n => n.Contains("opted out of rotation", StringComparison.Ordinal)
            && n.Contains("revoked anyway because this is an incident action", StringComparison.Ordinal));
        Assert.Contains(report.Notes, n => n.Contains("user frank exempt", StringComparison.Ordinal)
            && n.Contains("revoked anyway because this is an incident action", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Revoke_UnknownKey_RefusedKeyNotFoundAndAudited()
    {
        var h = HarnessFor(Many());

        var report = await RevokeAsync(h, new IncidentRequest("AKIAEXAMPLENOSUCHKEY", "INC-11"));

        Assert.Equal(IncidentRefusal.KeyNotFound, report.Refusal);
        Assert.Equal(0, h.Mutations);
        var attempt = Assert.Single(h.World.AuditLog.Events);
        Assert.Equal((nameof(ActionKind.RevokeKey), AuditOutcome.Failed, Management), (attempt.Action, attempt.Outcome, attempt.AccountId));
    }

    [Fact]
    public async Task Revoke_KeyOfAccountOutsideTheOrganization_RefusedAccountOutsideOrganization()
    {
        var h = HarnessFor(Many());
        h.World.ForeignAccessKeys["AKIAEXAMPLEFOREIGN01"] = "999999999999";

        var report = await RevokeAsync(h, new IncidentRequest("AKIAEXAMPLEFOREIGN01", "INC-12"));

        Assert.Equal(IncidentRefusal.AccountOutsideOrganization, report.Refusal);
        Assert.Contains("999999999999", report.Error, StringComparison.Ordinal);
        Assert.Equal(0, h.World.Gate.CallsTo(OperationNames.AssumeRole));
    }

    [Fact]
    public async Task Revoke_AccountWithoutMemberRole_RefusedRoleNotDeployed()
    {
        var h = HarnessFor(Many(), new RandomFaults(FaultSpecParser.Parse($"deny-account={TargetAccount}"), 1));

        var report = await RevokeAsync(h, new IncidentRequest(Target, "INC-13"));

        Assert.Equal(IncidentRefusal.RoleNotDeployed, report.Refusal);
        Assert.Equal(TargetAccount, report.AccountId);
        Assert.Equal(0, h.Mutations);
    }

    [Theory]
    [InlineData("ASIAEXAMPLETEMPORARY")]
    [InlineData("akiaexamplelowercase")]
    [InlineData("AKIA123")]
    public async Task Revoke_NotAnIamUserKeyId_RefusedInvalidAccessKeyId(string keyId)
    {
        var h = HarnessFor(Many());

        var report = await RevokeAsync(h, new IncidentRequest(keyId, "INC-14"));

        Assert.Equal(IncidentRefusal.InvalidAccessKeyId, report.Refusal);
        Assert.Empty(h.World.Gate.CallsByOperation);
    }

    [Fact]
    public async Task Restore_InsideRecoveryWindow_ReactivatesAuditsAndTellsTheOwner()
    {
        var h = HarnessFor(Of(Account("222222222222", User("erin", Key(Target, 190, null, AccessKeyStatus.Inactive, deactivatedDaysAgo: 2)))));

        var report = await RestoreAsync(h, new IncidentRequest(Target));

        Assert.Null(report.Refusal);
        Assert.Equal(AccessKeyStatus.Active, h.Organization.Accounts[0].Users[0].AccessKeys[0].Status);
        var intent = Assert.Single(h.World.AuditLog.Events, e => e.IsIntent);
        var restored = Assert.Single(h.World.AuditLog.Events, e => !e.IsIntent);
        Assert.Equal(intent.EventId, restored.IntentId);
        Assert.Equal((nameof(ActionKind.RestoreKey), nameof(ReasonCode.Restored), AuditOutcome.Succeeded, Operator),
            (restored.Action, restored.Reason, restored.Outcome, restored.Actor));
        Assert.Equal("KeyRestored", Assert.Single(h.World.Sns.Published).Attributes["event"]);
    }

    [Theory]
    [InlineData(false, AccessKeyStatus.Inactive)]
    [InlineData(true, AccessKeyStatus.Active)]
    public async Task Restore_OutsideRecoveryWindow_RefusedUnlessForced(bool force, AccessKeyStatus after)
    {
        var h = HarnessFor(Of(Account("222222222222", User("etl", Key(Target, 190, null, AccessKeyStatus.Inactive, deactivatedDaysAgo: 30)))));

        var report = await RestoreAsync(h, new IncidentRequest(Target, Force: force));

        Assert.Equal(force ? null : IncidentRefusal.OutsideRecoveryWindow, report.Refusal);
        Assert.Equal(after, h.Organization.Accounts[0].Users[0].AccessKeys[0].Status);
    }

    [Theory]
    [InlineData(false, AccessKeyStatus.Inactive)]
    [InlineData(true, AccessKeyStatus.Active)]
    public async Task Restore_KeyTheToolDidNotDeactivate_RefusedUnlessForced(bool force, AccessKeyStatus after)
    {
        var h = HarnessFor(Of(Account("222222222222", User("gil", Key(Target, 100, null, AccessKeyStatus.Inactive)))));

        var report = await RestoreAsync(h, new IncidentRequest(Target, Force: force));

        Assert.Equal(force ? null : IncidentRefusal.NotDeactivatedByTool, report.Refusal);
        Assert.Equal(after, h.Organization.Accounts[0].Users[0].AccessKeys[0].Status);
    }

    [Fact]
    public async Task Restore_AfterRevoke_TheAuditTrailsRevokeOpensTheWindow()
    {
        var h = HarnessFor(Many());
        await RevokeAsync(h, new IncidentRequest(Target, "false alarm later"));
        // Only the audit trail remembers who deactivated it, as with real IAM.
        h.Organization.Accounts.Single(a => a.Id == TargetAccount).Users[1].AccessKeys[0].DeactivatedByToolAt = null;

        var report = await RestoreAsync(h, new IncidentRequest(Target));

        Assert.Null(report.Refusal);
        Assert.Equal(AccessKeyStatus.Active, h.Organization.Accounts.Single(a => a.Id == TargetAccount).Users[1].AccessKeys[0].Status);
    }

    [Fact]
    public async Task Restore_WithoutConfirm_ChangesNothing()
    {
        var h = HarnessFor(Of(Account("222222222222", User("erin", Key(Target, 190, null, AccessKeyStatus.Inactive, deactivatedDaysAgo: 2)))));

        var report = await RestoreAsync(h, new IncidentRequest(Target), dryRun: true);

        Assert.Equal(AuditOutcome.Planned, Assert.Single(report.Actions).Outcome);
        Assert.Equal(AccessKeyStatus.Inactive, h.Organization.Accounts[0].Users[0].AccessKeys[0].Status);
        Assert.Equal(0, h.Mutations);
    }
}
