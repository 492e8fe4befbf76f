using KeyRotation.Aws.Configuration;
using KeyRotation.Aws.Tests.Support;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Tests.Iam;

/// <summary>Bulk discovery through the real adapter against the stub: GetAccountAuthorizationDetails and the credential report.</summary>
public sealed class BulkDiscoveryTests
{
    private const string PerKeyInstead = "discovered keys per user instead (ListAccessKeys, GetAccessKeyLastUsed)";
    private static readonly DateTimeOffset Start = SmallOrganization.Start;

    private static async Task<(AwsTestRig Rig, IIdentityStore Store)> OpenAsync(Action<FakeAwsCloud>? arrange = null, AwsSettings? settings = null)
    {
        var rig = AwsTestRig.Create(arrange, settings);
        var session = await rig.Adapters.AccountAccess.OpenAsync(SmallOrganization.Web, CancellationToken.None);
        return (rig, session.Identity);
    }

    private static IReadOnlyList<string> IamActions(AwsTestRig rig) =>
        [.. rig.Cloud.Requests.Where(r => r.SigningService == "iam").Select(r => r.Action)];

    private static async Task<DiscoveredUsers> DiscoverAsync(IIdentityStore store) =>
        Assert.IsType<DiscoveredUsers>(await store.DiscoverUsersAsync(CancellationToken.None));

    /// <summary>What per-key discovery finds in the same cloud: exact, live facts.</summary>
    private static async Task<IReadOnlyList<UserFacts>> PerKeyAsync(Action<FakeAwsCloud>? arrange = null)
    {
        var (rig, store) = await OpenAsync(arrange, AwsTestRig.Settings with { Discovery = new() { Mode = DiscoveryMode.PerKey } });
        using var _ = rig;
        return await store.DiscoverUsersAsync(CancellationToken.None);
    }

    private static void AssertSameFacts(IReadOnlyList<UserFacts> expected, IReadOnlyList<UserFacts> actual)
    {
        Assert.Equal(expected.Select(u => u.UserName), actual.Select(u => u.UserName));
        foreach (var (e, a) in expected.Zip(actual))
        {
            Assert.Equal(e.Tags, a.Tags);
            Assert.Equal(e.AccessKeys, a.AccessKeys);
        }
    }

    [Fact]
    public async Task Discover_FreshReport_TagsFromAuthorizationDetailsKeysFromTheReportUnconfirmed()
    {
        var (rig, store) = await OpenAsync();
        using var _ = rig;

        var users = await DiscoverAsync(store);

        Assert.Equal(["alice", "bob", "carol", "svc+ci,x=y"], users.Select(u => u.UserName));
        Assert.All(users, u => Assert.False(users.IsConfirmed(u.UserName)));
        Assert.Empty(users.Notes);
        var alice = users[0];
        Assert.Equal("alice@example.com", alice.Tags["key-rotation:owner"]);
        Assert.Equal([new AccessKeyFacts("credential-report:access_key_1", AccessKeyStatus.Active, Start.AddDays(-100), Start.AddDays(-1))],
            alice.AccessKeys);
        Assert.Equal(
        [
            new AccessKeyFacts("credential-report:access_key_1", AccessKeyStatus.Active, Start.AddDays(-200), Start.AddDays(-2)),
            new AccessKeyFacts("credential-report:access_key_2", AccessKeyStatus.Inactive, Start.AddDays(-20), null),
        ], users[1].AccessKeys);
        Assert.Empty(users[2].AccessKeys);
        Assert.Equal(AccessKeyStatus.Active, Assert.Single(users[3].AccessKeys).Status);
    }

    [Fact]
    public async Task Discover_BulkAndPerKey_CarryEachUsersPath()
    {
        var (rig, store) = await OpenAsync();
        using var _ = rig;

        var bulk = await DiscoverAsync(store);
        var perKey = await PerKeyAsync();

        Assert.Equal(["/", "/eng/", "/", "/"], bulk.Select(u => u.Path));
        Assert.Equal(bulk.Select(u => (u.UserName, u.Path)), perKey.Select(u => (u.UserName, u.Path)));
    }

    [Fact]
    public async Task Discover_FreshReport_FourIamCallsEveryAuthorizationDetailsPageFilteredToUsers()
    {
        var (rig, store) = await OpenAsync();
        using var _ = rig;

        await store.DiscoverUsersAsync(CancellationToken.None);

        // The report is started first so that it generates while the users are paged.
        Assert.Equal(["GenerateCredentialReport", "GetAccountAuthorizationDetails", "GetAccountAuthorizationDetails", "GetCredentialReport"],
            IamActions(rig));
        var pages = rig.Cloud.Requests.Where(r => r.Action == "GetAccountAuthorizationDetails").ToList();
        Assert.Equal([null, "2"], pages.Select(r => r.Field("Marker")));
        Assert.All(pages, r =>
        {
            Assert.Equal("User", r.Field("Filter.member.1"));
            Assert.Equal("1000", r.Field("MaxItems"));
            Assert.DoesNotContain(r.Form, f => f.Key == "Filter.member.2");
        });
    }

    [Fact]
    public async Task Discover_ReportBeingGenerated_PollsOnTheInjectedClockThenReadsIt()
    {
        var (rig, store) = await OpenAsync(cloud =>
        {
            cloud.ReportReadyOnFirstRequest = false;
            cloud.ReportGenerationTime = TimeSpan.FromSeconds(5);
        }, AwsTestRig.Settings with { Discovery = new() { ReportPollInterval = TimeSpan.FromSeconds(2) } });
        using var _ = rig;

        var discovery = store.DiscoverUsersAsync(CancellationToken.None);
        var waited = await FakeClock.DriveAsync(rig.Time, discovery, TimeSpan.FromSeconds(1));

        var users = Assert.IsType<DiscoveredUsers>(await discovery);
        Assert.Empty(users.Notes);
        Assert.All(users, u => Assert.False(users.IsConfirmed(u.UserName)));
        Assert.True(waited >= TimeSpan.FromSeconds(5), $"only {waited} passed");
        // STARTED, at least one INPROGRESS, then COMPLETE (two when the clock moved on during a call).
        Assert.InRange(IamActions(rig).Count(a => a == "GenerateCredentialReport"), 3, 4);
        Assert.Single(IamActions(rig), "GetCredentialReport");
        Assert.DoesNotContain("ListAccessKeys", IamActions(rig));
    }

    [Fact]
    public async Task Discover_ReportNeverReady_PerKeyAfterTheLastPollWithNote()
    {
        void Arrange(FakeAwsCloud cloud)
        {
            cloud.ReportReadyOnFirstRequest = false;
            cloud.ReportGenerationTime = TimeSpan.FromHours(1);
        }

        var (rig, store) = await OpenAsync(Arrange, AwsTestRig.Settings with { Discovery = new() { MaxReportPolls = 3 } });
        using var _ = rig;

        var discovery = store.DiscoverUsersAsync(CancellationToken.None);
        await FakeClock.DriveAsync(rig.Time, discovery, TimeSpan.FromSeconds(1));

        var users = Assert.IsType<DiscoveredUsers>(await discovery);
        Assert.Equal([$"credential report still in progress after 3 polls; {PerKeyInstead}"], users.Notes);
        Assert.All(users, u => Assert.True(users.IsConfirmed(u.UserName)));
        AssertSameFacts(await PerKeyAsync(Arrange), users);
        Assert.Equal(4, IamActions(rig).Count(a => a == "GenerateCredentialReport"));
        Assert.DoesNotContain("GetCredentialReport", IamActions(rig));
        // Tags came with the users; only keys are read per user.
        Assert.DoesNotContain("ListUsers", IamActions(rig));
        Assert.DoesNotContain("ListUserTags", IamActions(rig));
        Assert.Equal(4, IamActions(rig).Count(a => a == "ListAccessKeys"));
    }

    [Theory]
    [InlineData("GetCredentialReport", 410, "ReportExpired")]
    [InlineData("GetCredentialReport", 410, "ReportNotPresent")]
    [InlineData("GetCredentialReport", 404, "ReportInProgress")]
    [InlineData("GenerateCredentialReport", 409, "LimitExceeded")]
    [InlineData("GenerateCredentialReport", 500, "ServiceFailure")]
    [InlineData("GenerateCredentialReport", 403, "AccessDenied")]
    public async Task Discover_ReportUnavailable_PerKeyWithNote(string operation, int status, string code)
    {
        var (rig, store) = await OpenAsync(cloud => cloud.Fault = r =>
            r.Action == operation ? FakeAwsCloud.QueryError("iam", status, code, "no report for you") : null);
        using var _ = rig;

        var users = await DiscoverAsync(store);

        Assert.Equal([$"credential report unavailable ({operation} failed: {code}); {PerKeyInstead}"], users.Notes);
        Assert.All(users, u => Assert.True(users.IsConfirmed(u.UserName)));
        AssertSameFacts(await PerKeyAsync(), users);
    }

    [Theory]
    [InlineData("access_key_1_active", "key_1_active", "the report has no column 'access_key_1_active'")]
    [InlineData("\n<root_account>", "\n\"<root_account>", "CSV record 2: text after a closing quote")]
    [InlineData("2025-05-31T12:00:00+00:00", "31/05/2025", "'31/05/2025' is not an ISO 8601 time")]
    public async Task Discover_DamagedReport_PerKeyWithNote(string find, string replace, string problem)
    {
        var (rig, store) = await OpenAsync(cloud => cloud.ReportContent = csv => csv.Replace(find, replace, StringComparison.Ordinal));
        using var _ = rig;

        var users = await DiscoverAsync(store);

        var note = Assert.Single(users.Notes);
        Assert.StartsWith("credential report unreadable (", note, StringComparison.Ordinal);
        Assert.Contains(problem, note, StringComparison.Ordinal);
        Assert.EndsWith(PerKeyInstead, note, StringComparison.Ordinal);
        AssertSameFacts(await PerKeyAsync(), users);
    }

    [Fact]
    public async Task Discover_ReportContentNotBase64_PerKeyWithNote()
    {
        const string body = """
            <GetCredentialReportResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
              <GetCredentialReportResult><Content>not*base64!</Content><ReportFormat>text/csv</ReportFormat></GetCredentialReportResult>
            </GetCredentialReportResponse>
            """;
        var (rig, store) = await OpenAsync(cloud => cloud.Fault = r => r.Action == "GetCredentialReport" ? StubResponse.Xml(body) : null);
        using var _ = rig;

        var users = await DiscoverAsync(store);

        Assert.Equal([$"credential report unavailable (GetCredentialReport failed: MalformedResponse); {PerKeyInstead}"], users.Notes);
        Assert.All(users, u => Assert.True(users.IsConfirmed(u.UserName)));
    }

    [Fact]
    public async Task Discover_ReportThrottled_ThrottlingPassedOnForTheEngineToPace()
    {
        var (rig, store) = await OpenAsync(cloud => cloud.Fault = r =>
            r.Action == "GenerateCredentialReport" ? FakeAwsCloud.QueryError("iam", 400, "Throttling", "Rate exceeded") : null);
        using var _ = rig;

        var error = await Assert.ThrowsAsync<ServiceException>(() => store.DiscoverUsersAsync(CancellationToken.None));

        Assert.Equal((FailureKind.Throttling, "GenerateCredentialReport"), (error.Kind, error.Operation));
        Assert.DoesNotContain("ListAccessKeys", IamActions(rig));
    }

    [Fact]
    public async Task Discover_AuthorizationDetailsDenied_PerKeyWithNote()
    {
        var (rig, store) = await OpenAsync(cloud => cloud.Fault = r => r.Action == "GetAccountAuthorizationDetails"
            ? FakeAwsCloud.QueryError("iam", 403, "AccessDenied", "not authorized to perform: iam:GetAccountAuthorizationDetails")
            : null);
        using var _ = rig;

        var users = await DiscoverAsync(store);

        var note = Assert.Single(users.Notes);
        Assert.StartsWith("bulk discovery denied (GetAccountAuthorizationDetails failed: AccessDenied); discovered users per key", note, StringComparison.Ordinal);
        Assert.All(users, u => Assert.True(users.IsConfirmed(u.UserName)));
        AssertSameFacts(await PerKeyAsync(), users);
        Assert.Contains("ListUsers", IamActions(rig));
        // Asked for before the paging was refused; not polled or read after it.
        Assert.Single(IamActions(rig), "GenerateCredentialReport");
        Assert.DoesNotContain("GetCredentialReport", IamActions(rig));
    }

    [Fact]
    public async Task Discover_UsersChangedSinceTheReport_NewOnesReadLiveGoneOnesLeftOut()
    {
        var (rig, store) = await OpenAsync(cloud =>
        {
            cloud.CaptureCredentialReport(SmallOrganization.Web);
            var web = cloud.Account(SmallOrganization.Web);
            var erin = new FakeUser("erin");
            erin.Keys.Add(new FakeKey("AKIAERINEXAMPLE00001", "erin-secret", "Active", Start.AddDays(-3), Start));
            web.Users.RemoveAll(u => u.Name is "carol" or "bob");
            // Deleted and created again under another path: a different user to IAM, so not the report's row.
            web.Users.Add(new FakeUser("bob", "/ops/"));
            web.Users.Add(erin);
        });
        using var _ = rig;

        var users = await DiscoverAsync(store);

        Assert.Equal(["alice", "svc+ci,x=y", "bob", "erin"], users.Select(u => u.UserName));
        Assert.Equal([false, false, true, true], users.Select(u => users.IsConfirmed(u.UserName)));
        Assert.Empty(users[2].AccessKeys);
        Assert.Equal(new AccessKeyFacts("AKIAERINEXAMPLE00001", AccessKeyStatus.Active, Start.AddDays(-3), Start), Assert.Single(users[3].AccessKeys));
        Assert.Equal(["bob", "erin"], rig.Cloud.Requests.Where(r => r.Action == "ListAccessKeys").Select(r => r.Field("UserName")));
        Assert.Empty(users.Notes);
    }

    [Fact]
    public async Task Discover_CancelledWhileWaitingForTheReport_Cancelled()
    {
        var (rig, store) = await OpenAsync(cloud =>
        {
            cloud.ReportReadyOnFirstRequest = false;
            cloud.ReportGenerationTime = TimeSpan.FromHours(1);
        });
        using var _ = rig;
        using var cancel = new CancellationTokenSource();

        var discovery = store.DiscoverUsersAsync(cancel.Token);
        for (var i = 0; i < 2_000 && !IamActions(rig).Contains("GenerateCredentialReport"); i++) await Task.Delay(5);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => discovery);
        Assert.Single(IamActions(rig), "GenerateCredentialReport");
    }

    [Fact]
    public async Task Discover_PerKeyMode_NoAccountWideCalls()
    {
        var (rig, store) = await OpenAsync(settings: AwsTestRig.Settings with { Discovery = new() { Mode = DiscoveryMode.PerKey } });
        using var _ = rig;

        var users = await store.DiscoverUsersAsync(CancellationToken.None);

        Assert.All(users, u => Assert.True(users.IsConfirmed(u.UserName)));
        Assert.Empty(IamActions(rig).Intersect(["GetAccountAuthorizationDetails", "GenerateCredentialReport", "GetCredentialReport"]));
        Assert.Equal("AKIAALICEEXAMPLE0001", Assert.Single(users[0].AccessKeys).AccessKeyId);
    }

    [Fact]
    public void Report_RootRowAndQuotedNameAsTheStubWritesIt_ParsedLikeIam()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Start);
        var cloud = SmallOrganization.Create(time);
        cloud.CaptureCredentialReport(SmallOrganization.Web);

        var csv = cloud.CredentialReports[SmallOrganization.Web].Csv;
        var rows = KeyRotation.Engine.Discovery.CredentialReports.CredentialReportParser.Parse(csv);

        Assert.StartsWith("user,arn,user_creation_time,", csv, StringComparison.Ordinal);
        Assert.Contains("\n<root_account>,", csv, StringComparison.Ordinal);
        Assert.Contains("\n\"svc+ci,x=y\",", csv, StringComparison.Ordinal);
        Assert.Equal(["alice", "bob", "carol", "svc+ci,x=y"], rows.Keys.Order(StringComparer.Ordinal));
    }
}
