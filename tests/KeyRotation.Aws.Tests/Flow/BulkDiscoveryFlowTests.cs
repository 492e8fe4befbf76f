using KeyRotation.Aws.Tests.Support;
using KeyRotation.Aws.Variables;
using KeyRotation.Core.Planning;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Runs;
using KeyRotation.Engine.Sweep;
using Microsoft.Extensions.Time.Testing;

namespace KeyRotation.Aws.Tests.Flow;

/// <summary>
/// The engine over the real adapters, over HTTP to the stub: bulk discovery decides exactly as per-key discovery
/// does, because every unconfirmed user it would act on is read live first, and it needs far fewer IAM calls.
/// </summary>
public sealed class BulkDiscoveryFlowTests
{
    private const string Web = SmallOrganization.Web;
    private static readonly DateTimeOffset Start = SmallOrganization.Start;

    /// <summary>IAM calls per user acted on beyond discovery: the live read (ListAccessKeys, ListUserTags,
    /// GetAccessKeyLastUsed per key) and at most three changes (delete, create, deactivate).</summary>
    private const int CallsPerActedUser = 7;

    /// <summary>
    /// SmallOrganization's web account plus users for every decision (default policy 165/180/185, idle 10) and
    /// twenty users with nothing to do: erin's only key is old and never used, frank has an old inactive key,
    /// gina is exempt, hank holds two old keys in use.
    /// </summary>
    private static void Busy(FakeAwsCloud cloud)
    {
        cloud.IamPageSize = 100;
        var web = cloud.Account(Web);
        web.Users.Add(User("erin", ("AKIAERINEXAMPLE00001", "Active", 300, null)));
        web.Users.Add(User("frank", ("AKIAFRANKEXAMPLE0001", "Inactive", 400, null), ("AKIAFRANKEXAMPLE0002", "Active", 10, 1)));
        var gina = User("gina", ("AKIAGINAEXAMPLE00001", "Active", 250, 1));
        gina.Tags["key-rotation:exempt"] = "true";
        web.Users.Add(gina);
        web.Users.Add(User("hank", ("AKIAHANKEXAMPLE00001", "Active", 200, 1), ("AKIAHANKEXAMPLE00002", "Active", 190, 1)));
        for (var i = 0; i < 20; i++) web.Users.Add(User($"quiet{i:D2}", ($"AKIAQUIET{i:D11}", "Active", 30, 1)));
    }

    /// <summary>
    /// <see cref="Busy"/>, with the web account's credential report taken three hours ago and the account changed
    /// since: erin rotated by hand, frank's inactive key deleted, one of hank's keys deactivated, alice's key used
    /// now, carol deleted and ivan created with a key past the rotation age.
    /// </summary>
    private static void Stale(FakeAwsCloud cloud)
    {
        Busy(cloud);
        cloud.CaptureCredentialReport(Web);
        cloud.CredentialReports[Web] = cloud.CredentialReports[Web] with { GeneratedAt = Start.AddHours(-3) };
        var web = cloud.Account(Web);
        FakeUser Find(string name) => web.Users.Single(u => u.Name == name);
        Find("erin").Keys[0] = new FakeKey("AKIAERINEXAMPLE00002", "erin-new", "Active", Start.AddHours(-2));
        Find("frank").Keys.RemoveAt(0);
        Find("hank").Keys[1].Status = "Inactive";
        Find("alice").Keys[0] = new FakeKey("AKIAALICEEXAMPLE0001", "alice-secret", "Active", Start.AddDays(-100), Start);
        web.Users.Remove(Find("carol"));
        web.Users.Add(User("ivan", ("AKIAIVANEXAMPLE00001", "Active", 170, 20)));
    }

    private static FakeUser User(string name, params (string Id, string Status, int AgeDays, int? UsedDaysAgo)[] keys)
    {
        var user = new FakeUser(name);
        foreach (var (id, status, age, used) in keys)
        {
            user.Keys.Add(new FakeKey(id, name + "-secret-" + id[^1], status, Start.AddDays(-age), used is { } d ? Start.AddDays(-d) : null));
        }

        return user;
    }

    [Fact]
    public async Task Plan_FreshReport_BulkDecidesAsPerKey()
    {
        using var bulk = new World(DiscoveryMode.Bulk, Busy);
        using var perKey = new World(DiscoveryMode.PerKey, Busy);

        var expected = await perKey.RunAsync(dryRun: true);
        var actual = await bulk.RunAsync(dryRun: true);

        AssertSameDecisions(expected, actual);
        Assert.Contains(actual.Accounts.Single(a => a.AccountId == Web).Actions, a => a.Action == ActionKind.Blocked);
        Assert.Equal(["bob", "erin", "frank", "gina", "hank"], ActedUsers(actual, Web));
        Assert.Equal(0, bulk.IamCalls("ListUsers") + bulk.IamCalls("CreateAccessKey"));
    }

    [Fact]
    public async Task Plan_StaleReport_LiveReadsGiveThePerKeyDecisions()
    {
        using var bulk = new World(DiscoveryMode.Bulk, Stale);
        using var perKey = new World(DiscoveryMode.PerKey, Stale);

        var expected = await perKey.RunAsync(dryRun: true);
        var actual = await bulk.RunAsync(dryRun: true);

        AssertSameDecisions(expected, actual);
        var web = actual.Accounts.Single(a => a.AccountId == Web).Actions;
        // The report would have rotated erin, deleted frank's old key and blocked hank; the live facts say otherwise.
        Assert.DoesNotContain(web, a => a.UserName is "erin" or "frank");
        Assert.Contains(web, a => a is { UserName: "hank", Action: ActionKind.DeleteKey, AccessKeyId: "AKIAHANKEXAMPLE00002" });
        Assert.Contains(web, a => a is { UserName: "ivan", Action: ActionKind.CreateKey });
        Assert.Equal(["bob", "gina", "hank", "ivan"], ActedUsers(actual, Web));
        // Read live: ivan in discovery (the report does not know him), the others before deciding; erin and frank then
        // had nothing left to do. The stale report itself was reused, not regenerated.
        Assert.Equal(["bob", "erin", "frank", "gina", "hank", "ivan"],
            bulk.Requests("ListAccessKeys", Web).Select(r => r.Field("UserName")).Order(StringComparer.Ordinal));
        Assert.Equal(1, bulk.IamCalls("GenerateCredentialReport", Web));
    }

    [Fact]
    public async Task Run_Bulk_SameChangesAsPerKeyWithAHandfulOfIamCallsPerAccount()
    {
        using var bulk = new World(DiscoveryMode.Bulk, Busy);
        using var perKey = new World(DiscoveryMode.PerKey, Busy);

        var expected = await perKey.RunAsync(dryRun: false);
        var actual = await bulk.RunAsync(dryRun: false);

        AssertSameDecisions(expected, actual);
        Assert.All(actual.Accounts.SelectMany(a => a.Actions), a => Assert.Null(a.Error));
        Assert.Equal(KeysAfter(perKey.Cloud), KeysAfter(bulk.Cloud));
        foreach (var account in actual.Accounts.Where(a => a.Status == AccountStatus.Processed))
        {
            var bound = 6 + (CallsPerActedUser * ActedUsers(actual, account.AccountId).Count);
            Assert.True(bulk.IamCalls(account: account.AccountId) <= bound,
                $"{account.AccountId}: {bulk.IamCalls(account: account.AccountId)} IAM calls in bulk mode, bound {bound}");
            Assert.Equal(3, bulk.IamCalls("GetAccountAuthorizationDetails", account.AccountId)
                + bulk.IamCalls("GenerateCredentialReport", account.AccountId) + bulk.IamCalls("GetCredentialReport", account.AccountId));
        }

        // The bound is one per-key discovery cannot meet: it reads every user.
        var webBound = 6 + (CallsPerActedUser * ActedUsers(actual, Web).Count);
        Assert.True(perKey.IamCalls(account: Web) > webBound, $"per key: {perKey.IamCalls(account: Web)} calls, bound {webBound}");
    }

    private static void AssertSameDecisions(RunReport expected, RunReport actual)
    {
        static IEnumerable<string> Lines(RunReport report) => report.Accounts.OrderBy(a => a.AccountId, StringComparer.Ordinal).SelectMany(a =>
            a.Actions.Select(r => $"{a.AccountId} {r.UserName} {r.Action} {r.Reason} {r.Outcome} " +
                (r.Action == ActionKind.CreateKey ? "(new key)" : r.AccessKeyId)));

        Assert.Equal(expected.Accounts.Select(a => (a.AccountId, a.Status)), actual.Accounts.Select(a => (a.AccountId, a.Status)));
        Assert.Equal(Lines(expected), Lines(actual));
        Assert.NotEmpty(Lines(actual));
        Assert.All(actual.Accounts, a => Assert.Empty(a.Notes));
        Assert.DoesNotContain(actual.Accounts.SelectMany(a => a.Actions), r => r.AccessKeyId?.StartsWith("credential-report:", StringComparison.Ordinal) == true);
    }

    private static List<string> ActedUsers(RunReport report, string accountId) =>
        [.. report.Accounts.Single(a => a.AccountId == accountId).Actions.Select(a => a.UserName).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Every user's keys after the run: ids of keys that existed before, with status; new keys by status only.</summary>
    private static List<string> KeysAfter(FakeAwsCloud cloud) =>
    [
        .. cloud.Accounts.SelectMany(a => a.Users.SelectMany(u => u.Keys.Select(k =>
            $"{a.Id} {u.Name} {(k.Id.StartsWith("AKIANEW", StringComparison.Ordinal) ? "(new key)" : k.Id)} {k.Status}"))).Order(StringComparer.Ordinal),
    ];

    /// <summary>One organization and one way of discovering it: the real adapters over HTTP on 127.0.0.1, driven by the engine.</summary>
    private sealed class World : IDisposable
    {
        private readonly StubHttpServer server;
        private readonly AwsAdapters adapters;
        private readonly FakeTimeProvider time = new(Start);

        public World(DiscoveryMode discovery, Action<FakeAwsCloud> arrange)
        {
            Cloud = SmallOrganization.Create(time);
            Cloud.ExpectedExternalId = "org-external-id";
            arrange(Cloud);
            server = new StubHttpServer(Cloud.Handle);
            var environment = new DictionaryEnvironmentVariables(new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = server.Url().ToString() });
            adapters = AwsAdapters.Create(AwsTestRig.Settings with { Discovery = new() { Mode = discovery } }, time, environment, TestCredentials.Central);
        }

        public FakeAwsCloud Cloud { get; }

        public Task<RunReport> RunAsync(bool dryRun) =>
            new OrganizationSweep(AwsTestRig.Bare(adapters) with { Time = time })
                .RunAsync(new RotationRunOptions { RunId = "run-1", AsOf = Start, DryRun = dryRun, Actor = "test" }, CancellationToken.None);

        /// <summary>IAM requests, optionally of one action and one member account (told by the session's key).</summary>
        public IReadOnlyList<StubRequest> Requests(string? action = null, string? account = null) =>
        [
            .. Cloud.Requests.Where(r => r.SigningService == "iam" && (action is null || r.Action == action)
                && (account is null || (Cloud.Sessions.TryGetValue(r.AccessKeyId!, out var s) && s.Account == account))),
        ];

        public int IamCalls(string? action = null, string? account = null) => Requests(action, account).Count;

        public void Dispose()
        {
            adapters.Dispose();
            server.Dispose();
        }
    }
}
