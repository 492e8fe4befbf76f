using KeyRotation.Core.Facts;
using KeyRotation.Engine.Discovery;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Tests.Support;
using KeyRotation.Simulation.Cost;
using KeyRotation.Simulation.Faults;
using KeyRotation.Simulation.Generation;
using KeyRotation.Simulation.Model;
using KeyRotation.Simulation.Ports;
using static KeyRotation.Engine.Tests.Support.Org;

namespace KeyRotation.Engine.Tests.Discovery;

/// <summary>
/// Bulk discovery (stale credential report, no key ids) must lead to exactly the decisions of per-key discovery:
/// the engine reads live every user it would decide anything about.
/// </summary>
public sealed class DiscoveryModeTests
{
    private static readonly DiscoverySettings Bulk = new() { Mode = DiscoveryMode.Bulk };
    private static readonly DiscoverySettings PerKey = new() { Mode = DiscoveryMode.PerKey };

    private static SimulatedOrganization Generated() =>
        OrganizationGenerator.Generate(new GeneratorOptions { Accounts = 6, UsersPerAccount = 40, Seed = 11 }, Now);

    /// <summary>One account and one user at a time, so new keys get the same ids in both worlds.</summary>
    private static Task<RunReport> RunAsync(Harness harness, bool dryRun = false) =>
        harness.RunAsync(harness.Options(dryRun) with { MaxAccountsInFlight = 1, MaxUsersInFlight = 1 });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_BulkAndPerKeyOnTheSameOrganization_SameDecisions(bool dryRun)
    {
        var bulk = await RunAsync(new Harness(Generated(), Bulk), dryRun);
        var perKey = await RunAsync(new Harness(Generated(), PerKey), dryRun);

        Assert.True(perKey.Summary.Actions.Values.Sum() > 100, "the generated organization should keep the planner busy");
        Assert.Equal(Decisions(perKey), Decisions(bulk));
        Assert.Equal(perKey.Summary.Actions, bulk.Summary.Actions);
    }

    [Fact]
    public async Task Run_StaleReport_DecisionsOfTheLiveOrganization()
    {
        var bulkHarness = new Harness(Generated(), Bulk);
        ChangeSinceTheReport(bulkHarness.Organization);
        var perKeyOrganization = Generated();
        ChangeSinceTheReport(perKeyOrganization);

        var bulk = await RunAsync(bulkHarness);
        var perKey = await RunAsync(new Harness(perKeyOrganization, PerKey));

        Assert.Equal(Decisions(perKey), Decisions(bulk));
        var firstAccount = perKeyOrganization.Accounts[0].Id;
        Assert.Contains(bulk.Accounts.Single(a => a.AccountId == firstAccount).Actions,
            r => r.UserName == "late-joiner" && r.AccessKeyId == "AKIALATEEXAMPLE00001");
    }

    [Fact]
    public async Task Run_ReportUnavailableInOneAccount_FallsBackThereSaysSoAndDecidesAlike()
    {
        var organization = Generated();
        var denied = organization.Accounts[2].Id;
        var bulkHarness = new Harness(organization, Bulk);
        bulkHarness.Faults.Add(FaultRule.Always(OperationNames.Iam, OperationNames.GenerateCredentialReport, denied, FailureKind.AccessDenied));

        var bulk = await RunAsync(bulkHarness);
        var perKey = await RunAsync(new Harness(Generated(), PerKey));

        Assert.Equal(Decisions(perKey), Decisions(bulk));
        var note = Assert.Single(bulk.Accounts.Single(a => a.AccountId == denied).Notes);
        Assert.StartsWith("credential report unavailable (GenerateCredentialReport failed: AccessDenied)", note, StringComparison.Ordinal);
        Assert.All(bulk.Accounts.Where(a => a.AccountId != denied), a => Assert.Empty(a.Notes));
    }

    [Fact]
    public async Task Run_Bulk_AtMostSixIamCallsPerAccountPlusAConstantPerUserActedOn()
    {
        // Per user acted on: GetUser, ListAccessKeys, GetAccessKeyLastUsed for up to two keys, then up to three changes.
        const int PerActedUser = 7;
        var organization = OrganizationGenerator.Generate(new GeneratorOptions { Accounts = 4, UsersPerAccount = 120, Seed = 3 }, Now);
        var harness = new Harness(organization, Bulk with { ReportPollInterval = TimeSpan.Zero },
            costs: CostModelOptions.Free, iam: new SimulatedIamOptions { ExistingReportAge = null, ReportGenerationTime = TimeSpan.Zero });

        var report = await harness.RunAsync();

        var served = harness.World.Gate.Cost!.Served.Where(c => c.Service == OperationNames.Iam).ToArray();
        foreach (var account in report.Accounts.Where(a => a.Status == AccountStatus.Processed))
        {
            var calls = served.Where(c => c.AccountId == account.AccountId).ToArray();
            var acted = account.Actions.Select(a => a.UserName).Distinct().Count();
            var discovery = calls.Where(c => c.Operation is OperationNames.GetAccountAuthorizationDetails
                or OperationNames.GenerateCredentialReport or OperationNames.GetCredentialReport).Sum(c => c.Count);
            Assert.InRange(discovery, 3, 6);
            Assert.InRange(calls.Sum(c => c.Count), discovery, 6 + (PerActedUser * acted));
            Assert.DoesNotContain(calls, c => c.Operation is OperationNames.ListUsers or OperationNames.ListUserTags);
        }

        Assert.Contains(report.Accounts, a => a.Status == AccountStatus.Processed && a.Actions.Count > 0);
    }

    private static void ChangeSinceTheReport(SimulatedOrganization organization)
    {
        var account = organization.Accounts[0];
        var users = account.Users;

        // An owner rotated a key that is due: the report still shows the old one.
        var rotated = users.First(u => u.AccessKeys.Count == 1 && u.AccessKeys[0].CreatedAt < Now.AddDays(-170));
        rotated.AccessKeys.Clear();
        rotated.AccessKeys.Add(new SimulatedAccessKey { Id = "AKIAROTATEDEXAMPLE01", CreatedAt = Now.AddHours(-1) });

        // A key that looked idle and deactivatable has just been used.
        var used = users.First(u => u != rotated && u.AccessKeys.Count == 1 && u.AccessKeys[0].Status == AccessKeyStatus.Active
            && u.AccessKeys[0].CreatedAt < Now.AddDays(-190) && u.AccessKeys[0].LastUsedAt < Now.AddDays(-30));
        used.AccessKeys[0].LastUsedAt = Now.AddMinutes(-5);

        // Someone else switched a key off.
        var switchedOff = users.First(u => u != rotated && u != used && u.AccessKeys.Any(k => k.Status == AccessKeyStatus.Active));
        switchedOff.AccessKeys.First(k => k.Status == AccessKeyStatus.Active).Status = AccessKeyStatus.Inactive;

        // A user left; another joined with an old key the report has never seen.
        users.Remove(users.Last());
        var joiner = new SimulatedUser { Name = "late-joiner" };
        joiner.AccessKeys.Add(new SimulatedAccessKey { Id = "AKIALATEEXAMPLE00001", CreatedAt = Now.AddDays(-200), LastUsedAt = Now.AddDays(-1) });
        users.Add(joiner);
    }

    private static string Decisions(RunReport report) => string.Join('\n', report.Accounts.SelectMany(a =>
        new[] { $"{a.AccountId} {a.Status} {a.Reason} {a.Error}" }.Concat(
            a.Actions.Select(r => $"  {r.UserName} {r.AccessKeyId} {r.Action} {r.Reason} {r.Outcome} {r.Detail} {r.Error}"))));
}
