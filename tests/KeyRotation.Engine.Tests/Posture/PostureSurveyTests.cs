using KeyRotation.Core.Audit;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Discovery;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Posture;
using KeyRotation.Engine.Runs;
using KeyRotation.Engine.Tests.Support;
using KeyRotation.Simulation.Faults;
using KeyRotation.Simulation.Model;
using static KeyRotation.Engine.Tests.Support.Org;

namespace KeyRotation.Engine.Tests.Posture;

public sealed class PostureSurveyTests
{
    /// <summary>Two OUs deep: Workloads (dev) and Workloads/Prod (prod); sandbox at the root; legacy opted out.</summary>
    private static SimulatedOrganization Organization()
    {
        var org = Of(
            Account("222222222222",
                User("alice", Key("AKIAEXAMPLEALICE0001", 170, 1)),
                User("bob", Key("AKIAEXAMPLEBOB000001", 30, 0), Key("AKIAEXAMPLEBOB000002", 190, null, AccessKeyStatus.Inactive)),
                User("dave", Key("AKIAEXAMPLEDAVE00001", 181, null))),
            Account("333333333333",
                User("judy", Key("AKIAEXAMPLEJUDY00001", 200, 1), Key("AKIAEXAMPLEJUDY00002", 170, 0)),
                User("mia", Key("AKIAEXAMPLEMIA000001", 95, 2))),
            Account("444444444444", User("nina", Key("AKIAEXAMPLENINA00001", 10, 1))),
            Account("555555555555", User("oscar", Key("AKIAEXAMPLEOSCAR0001", 400, 1))));
        org.OrganizationalUnits.Add(new SimulatedOrganizationalUnit { Id = "ou-workloads", Name = "Workloads", ParentId = "r-root" });
        org.OrganizationalUnits.Add(new SimulatedOrganizationalUnit { Id = "ou-prod", Name = "Prod", ParentId = "ou-workloads" });
        var legacy = new SimulatedOrganizationalUnit { Id = "ou-legacy", Name = "Legacy", ParentId = "r-root" };
        legacy.Tags["key-rotation:opt-out"] = "true";
        org.OrganizationalUnits.Add(legacy);
        org.Accounts[0].ParentId = "ou-workloads";
        org.Accounts[1].ParentId = "ou-prod";
        org.Accounts[3].ParentId = "ou-legacy";
        org.Accounts[1].Users[1].Tags["key-rotation:exempt"] = "until:2027-03-01";
        return org;
    }

    private static Task<PostureReport> SurveyAsync(Harness harness) =>
        new PostureSurvey(harness.Services).SurveyAsync(new PostureOptions { AsOf = Now }, CancellationToken.None);

    [Fact]
    public async Task SurveyAsync_Organization_CountsPerAccount()
    {
        var report = await SurveyAsync(new Harness(Organization()));

        var dev = report.Accounts.Single(a => a.AccountId == "222222222222").Figures!;
        Assert.Equal((3, 4, 3, 1), (dev.Users, dev.Keys, dev.ActiveKeys, dev.InactiveKeys));
        Assert.Equal(new AgeBandCounts(1, 0, 1, 1), dev.ActiveByAge);
        Assert.Equal((1, 1, 2), (dev.NeverUsedKeys, dev.ActiveWithinNinetyDays, dev.ActiveWithinPolicy));
        Assert.Equal((0.3333, 0.6667), (dev.WithinNinetyDaysShare, dev.WithinPolicyShare));

        var prod = report.Accounts.Single(a => a.AccountId == "333333333333").Figures!;
        Assert.Equal((2, 3, 1, 1), (prod.Users, prod.ActiveKeys, prod.ExemptUsers, prod.BlockedByKeyLimit));
        Assert.Equal(new AgeBandCounts(0, 1, 1, 1), prod.ActiveByAge);
    }

    [Fact]
    public async Task SurveyAsync_NestedOus_EachOuAddsUpEveryAccountBelowIt()
    {
        var report = await SurveyAsync(new Harness(Organization()));

        var workloads = report.OrganizationalUnits.Single(o => o.Id == "ou-workloads");
        Assert.Equal(("Workloads", 2, 5, 6), (workloads.Path, workloads.Accounts, workloads.Figures.Users, workloads.Figures.ActiveKeys));
        var prod = report.OrganizationalUnits.Single(o => o.Id == "ou-prod");
        Assert.Equal(("Workloads/Prod", 1, 2), (prod.Path, prod.Accounts, prod.Figures.Users));
        Assert.DoesNotContain(report.OrganizationalUnits, o => o.Id == "ou-legacy");
        Assert.Equal("", report.Accounts.Single(a => a.AccountId == "444444444444").OuPath);
    }

    [Fact]
    public async Task SurveyAsync_Organization_TotalsAreTheSumOfSurveyedAccounts()
    {
        var report = await SurveyAsync(new Harness(Organization()));

        var o = report.Organization;
        Assert.Equal((6, 8, 7, 1), (o.Users, o.Keys, o.ActiveKeys, o.InactiveKeys));
        Assert.Equal(o.ActiveKeys, o.ActiveByAge.UnderNinetyDays + o.ActiveByAge.NinetyDaysToRotate + o.ActiveByAge.RotateToDeactivate
            + o.ActiveByAge.PastDeactivate);
        Assert.Equal(o.ActiveKeys, report.Histogram.Bins.Sum(b => b.ActiveKeys));
        Assert.Equal((1, 1), (report.Exemptions.Count, report.BlockedUsers.Count));
        Assert.Equal(new ExemptUser("333333333333", "mia", "2027-03-01"), report.Exemptions[0]);
        Assert.Equal(new BlockedUser("333333333333", "judy", "KeyLimit"), report.BlockedUsers[0]);
    }

    [Fact]
    public async Task SurveyAsync_OptedOutAccount_SkippedWithReasonAndNotCounted()
    {
        var report = await SurveyAsync(new Harness(Organization()));

        var legacy = report.Accounts.Single(a => a.AccountId == "555555555555");
        Assert.Equal((PostureAccountStatus.Skipped, "OptOut", null), (legacy.Status, legacy.Reason, legacy.Figures));
        Assert.Equal("Legacy", legacy.OuPath);
        Assert.Equal((3, 1, 0), (report.AccountsSurveyed, report.AccountsSkipped, report.AccountsFailed));
    }

    [Fact]
    public async Task SurveyAsync_RoleMissingInOneAccount_ThatAccountFailedOthersSurveyed()
    {
        var harness = new Harness(Organization());
        harness.Faults.Add(FaultRule.Always(OperationNames.Sts, OperationNames.AssumeRole, "333333333333", FailureKind.AccessDenied));

        var report = await SurveyAsync(harness);

        var prod = report.Accounts.Single(a => a.AccountId == "333333333333");
        Assert.Equal(PostureAccountStatus.Failed, prod.Status);
        Assert.Contains("assuming the member role failed", prod.Error, StringComparison.Ordinal);
        Assert.Equal((2, 1), (report.AccountsSurveyed, report.AccountsFailed));
        Assert.Equal(4, report.Organization.Users);
    }

    [Fact]
    public async Task SurveyAsync_AnyOrganization_ChangesNothingAndWritesNoAuditEvent()
    {
        var harness = new Harness(Organization());
        var before = Snapshot(harness.Organization);

        await SurveyAsync(harness);

        Assert.Equal(before, Snapshot(harness.Organization));
        Assert.Equal(0, harness.Mutations);
        Assert.Empty(harness.World.AuditLog.Events);
        Assert.Empty(harness.World.IssuedKeys);
    }

    [Fact]
    public async Task SurveyAsync_InactiveKeyThisToolDeactivatedRecently_UserBlockedByKeyLimit()
    {
        // Without the trail the inactive key looks deletable and the slot free; the trail keeps it restorable.
        var org = Of(Account("222222222222",
            User("erin", Key("AKIAEXAMPLEERIN00001", 170, 1), Key("AKIAEXAMPLEERIN00002", 190, null, AccessKeyStatus.Inactive))));
        var harness = new Harness(org);
        harness.World.AuditLog.Seed([Deactivation("222222222222", "erin", "AKIAEXAMPLEERIN00002", Now.AddDays(-2))]);

        var report = await SurveyAsync(harness);

        Assert.Equal(1, report.Organization.BlockedByKeyLimit);
    }

    [Fact]
    public async Task SurveyAsync_BulkDiscovery_NotesThatFactsComeFromTheCredentialReport()
    {
        var report = await new PostureSurvey(new Harness(Organization(), new DiscoverySettings { Mode = DiscoveryMode.Bulk }).Services)
            .SurveyAsync(new PostureOptions { AsOf = Now }, CancellationToken.None);

        // alice and dave are due and judy is blocked, so those three were read live; the rest stand on the snapshot.
        Assert.Contains(report.Notes, n => n.StartsWith("3 of 6 users were judged from IAM's credential report", StringComparison.Ordinal));
        Assert.Equal((6, 1), (report.Organization.Users, report.Organization.BlockedByKeyLimit));
    }

    [Fact]
    public async Task SurveyAsync_BulkDiscoveryAndAKeyInItsRecoveryWindow_DueUserReadLiveAndFoundBlocked()
    {
        var org = Of(Account("222222222222",
            User("erin", Key("AKIAEXAMPLEERIN00001", 170, 1), Key("AKIAEXAMPLEERIN00002", 190, null, AccessKeyStatus.Inactive))));
        var harness = new Harness(org, new DiscoverySettings { Mode = DiscoveryMode.Bulk });
        harness.World.AuditLog.Seed([Deactivation("222222222222", "erin", "AKIAEXAMPLEERIN00002", Now.AddDays(-2))]);

        var report = await new PostureSurvey(harness.Services).SurveyAsync(new PostureOptions { AsOf = Now }, CancellationToken.None);

        Assert.Equal(1, report.Organization.BlockedByKeyLimit);
        Assert.Equal(1, harness.World.Gate.CallsTo(OperationNames.GetUser));
    }

    private static AuditEvent Deactivation(string accountId, string userName, string accessKeyId, DateTimeOffset at) => new()
    {
        EventId = "e-" + accessKeyId, OccurredAt = at, RunId = "earlier", AccountId = accountId, UserName = userName,
        AccessKeyId = accessKeyId, Action = nameof(Core.Planning.ActionKind.DeactivateKey), Outcome = AuditOutcome.Succeeded,
        Actor = "simulation", Policy = "rotate=165,deactivate=180,delete=185,idle=10", ToolVersion = "test",
    };

    [Fact]
    public async Task SurveyAsync_InvalidPolicy_ThrowsNamingTheField()
    {
        var options = new PostureOptions { AsOf = Now, Policy = Core.Policy.RotationPolicy.Default with { RotateAfterDays = 0 } };

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            new PostureSurvey(new Harness(Organization()).Services).SurveyAsync(options, CancellationToken.None));

        Assert.Contains("RotateAfterDays", error.Message, StringComparison.Ordinal);
    }
}

public sealed class PostureSurveyScopeAndSecretTests
{
    [Fact]
    public async Task SurveyAsync_DueUserWhoseSecretNameSomeoneElseTook_BlockedBySecretNameTaken()
    {
        var taken = new SimulatedUser { Name = "alice", SecretNameTakenBy = "arn:aws:iam::222222222222:user/mallory" };
        taken.AccessKeys.Add(Key("AKIAEXAMPLEALICE0001", 170, 1));
        var harness = new Harness(Of(Account("222222222222", taken, User("bob", Key("AKIAEXAMPLEBOB000001", 170, 1)),
            User("carl", Key("AKIAEXAMPLECARL00001", 10, 1)))));

        var report = await new PostureSurvey(harness.Services).SurveyAsync(new PostureOptions { AsOf = Now }, CancellationToken.None);

        Assert.Equal(1, report.Organization.BlockedBySecretNameTaken);
        Assert.Equal(new BlockedUser("222222222222", "alice", "SecretNameTaken"), Assert.Single(report.BlockedUsers));
        // Only the two due users are described.
        Assert.Equal(2, harness.World.Gate.CallsTo(OperationNames.DescribeSecret));
    }

    [Fact]
    public async Task SurveyAsync_NotificationDelivery_NoSecretDescribed()
    {
        var taken = new SimulatedUser { Name = "alice", SecretNameTakenBy = "someone" };
        taken.AccessKeys.Add(Key("AKIAEXAMPLEALICE0001", 170, 1));
        var harness = new Harness(Of(Account("222222222222", taken)));
        var options = new PostureOptions
        {
            AsOf = Now, Policy = Core.Policy.RotationPolicy.Default with { SecretDelivery = Core.Policy.SecretDelivery.Notification },
        };

        var report = await new PostureSurvey(harness.Services).SurveyAsync(options, CancellationToken.None);

        Assert.Equal(0, report.Organization.BlockedBySecretNameTaken);
        Assert.Equal(0, harness.World.Gate.CallsTo(OperationNames.DescribeSecret));
    }

    [Fact]
    public async Task SurveyAsync_ManagedScopeByTag_OthersCountedOutsideAndInNoOtherFigure()
    {
        var managed = User("alice", Key("AKIAEXAMPLEALICE0001", 200, 1));
        managed.Tags["team"] = "platform";
        var harness = new Harness(Of(Account("222222222222", managed, User("bob", Key("AKIAEXAMPLEBOB000001", 400, null)),
            User("carl", Key("AKIAEXAMPLECARL00001", 10, 1)))));
        var options = new PostureOptions { AsOf = Now, Scope = new Engine.Runs.ManagedScope { RequiredTagKey = "team", RequiredTagValue = "platform" } };

        var report = await new PostureSurvey(harness.Services).SurveyAsync(options, CancellationToken.None);

        var o = report.Organization;
        Assert.Equal((1, 2, 1, 1), (o.Users, o.UsersOutsideManagedScope, o.ActiveKeys, o.ActiveByAge.PastDeactivate));
        Assert.Equal(2, report.Accounts[0].Figures!.UsersOutsideManagedScope);
    }
}
