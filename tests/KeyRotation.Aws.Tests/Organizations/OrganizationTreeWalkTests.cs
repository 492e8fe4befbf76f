using KeyRotation.Aws.Tests.Support;
using KeyRotation.Engine.Ports;
using static KeyRotation.Aws.Tests.Organizations.OrganizationFixtures;

namespace KeyRotation.Aws.Tests.Organizations;

/// <summary>The directory's top-down walk: paths and tags from nesting, paging per parent, request count, inconsistent trees.</summary>
public sealed class OrganizationTreeWalkTests
{
    private static IReadOnlyList<StubRequest> Calls(AwsTestRig rig, string action) =>
        [.. rig.Cloud.Requests.Where(r => r.SigningService == "organizations" && r.Action == action)];

    /// <summary>Full pages of 20 and no empty pages, so every listing of up to 20 items is one request.</summary>
    private static void FullPages(FakeAwsCloud cloud)
    {
        cloud.AccountsPageSize = 20;
        cloud.OrganizationalUnitsPageSize = 20;
        cloud.EmptyOrganizationsPage = false;
    }

    [Fact]
    public async Task ListAccounts_OusNestedThreeDeepWithTags_EachAccountGetsItsChainAndTags()
    {
        using var rig = AwsTestRig.Create(cloud =>
        {
            Clear(cloud);
            AddOu(cloud, "ou-eng", "Engineering", FakeAwsCloud.RootId, ("team", "eng"));
            AddOu(cloud, "ou-platform", "Platform", "ou-eng", ("tier", "core"), ("key-rotation:opt-out", "false"));
            AddOu(cloud, "ou-ci", "CI", "ou-platform", ("env", "ci"));
            AddOu(cloud, "ou-data", "Data", "ou-eng");
            AddOu(cloud, "ou-ops", "Ops", FakeAwsCloud.RootId, ("team", "ops"));
            AddAccounts(cloud, FakeAwsCloud.RootId, 100000000001, 1);
            AddAccounts(cloud, "ou-eng", 100000000002, 1);
            AddAccounts(cloud, "ou-platform", 100000000003, 1);
            AddAccounts(cloud, "ou-ci", 100000000004, 1);
            AddAccounts(cloud, "ou-data", 100000000005, 1);
            AddAccounts(cloud, "ou-ops", 100000000006, 1);
            cloud.Account("100000000004").Tags["cost-center"] = "7";
            cloud.Account("100000000004").State = "SUSPENDED";
        });

        var accounts = await rig.Adapters.Directory.ListAccountsAsync(CancellationToken.None);

        Assert.Equal(
        [
            "100000000001|Account 100000000001|Active||",
            "100000000002|Account 100000000002|Active|ou-eng:Engineering[team=eng]|",
            "100000000003|Account 100000000003|Active|ou-eng:Engineering[team=eng]/ou-platform:Platform[key-rotation:opt-out=false,tier=core]|",
            "100000000004|Account 100000000004|Suspended|ou-eng:Engineering[team=eng]/ou-platform:Platform[key-rotation:opt-out=false,tier=core]/ou-ci:CI[env=ci]|cost-center=7",
            "100000000005|Account 100000000005|Active|ou-eng:Engineering[team=eng]/ou-data:Data[]|",
            "100000000006|Account 100000000006|Active|ou-ops:Ops[team=ops]|",
        ], accounts.Select(Describe));
    }

    [Fact]
    public async Task ListAccounts_45AccountsUnderOneOu_EveryPageReadWithMaxResults20()
    {
        using var rig = AwsTestRig.Create(cloud =>
        {
            Clear(cloud);
            FullPages(cloud);
            AddOu(cloud, "ou-big", "Big", FakeAwsCloud.RootId);
            AddAccounts(cloud, "ou-big", 200000000001, 45);
        });

        var accounts = await rig.Adapters.Directory.ListAccountsAsync(CancellationToken.None);

        Assert.Equal(45, accounts.Select(a => a.AccountId).Distinct().Count());
        Assert.All(accounts, a => Assert.Equal(["ou-big"], a.OrganizationalUnits.Select(o => o.Id)));
        var pages = Calls(rig, "ListAccountsForParent").Where(r => r.JsonString("ParentId") == "ou-big").ToList();
        Assert.Equal([null, "ListAccountsForParent/ou-big/1", "ListAccountsForParent/ou-big/2"], pages.Select(p => p.JsonString("NextToken")));
        Assert.All(pages, p => Assert.Equal(20, p.Json.GetProperty("MaxResults").GetInt32()));
    }

    [Fact]
    public async Task ListAccounts_25OusUnderTheRoot_EveryOuPageReadAndWalked()
    {
        using var rig = AwsTestRig.Create(cloud =>
        {
            Clear(cloud);
            FullPages(cloud);
            for (var i = 1; i <= 25; i++)
            {
                AddOu(cloud, $"ou-{i:D2}", $"Unit {i}", FakeAwsCloud.RootId, ("n", $"{i}"));
                AddAccounts(cloud, $"ou-{i:D2}", 300000000000 + i, 1);
            }
        });

        var accounts = await rig.Adapters.Directory.ListAccountsAsync(CancellationToken.None);

        Assert.Equal(25, accounts.Count);
        Assert.All(accounts, a =>
        {
            var unit = Assert.Single(a.OrganizationalUnits);
            var n = int.Parse(a.AccountId[^2..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(($"ou-{n:D2}", $"Unit {n}", $"{n}"), (unit.Id, unit.Name, unit.Tags["n"]));
        });
        var rootPages = Calls(rig, "ListOrganizationalUnitsForParent").Where(r => r.JsonString("ParentId") == FakeAwsCloud.RootId);
        Assert.Equal([null, "ListOrganizationalUnitsForParent/r-root/1"], rootPages.Select(p => p.JsonString("NextToken")));
    }

    [Fact]
    public async Task ListAccounts_ThreeOusFiftyAccounts_OnePlusTwoListingsPerParentPlusOneTagReadPerOuAndAccount()
    {
        using var rig = AwsTestRig.Create(cloud =>
        {
            Clear(cloud);
            FullPages(cloud);
            AddOu(cloud, "ou-a", "A", FakeAwsCloud.RootId, ("env", "a"));
            AddOu(cloud, "ou-b", "B", FakeAwsCloud.RootId, ("env", "b"));
            AddOu(cloud, "ou-c", "C", "ou-a", ("env", "c"));
            AddAccounts(cloud, FakeAwsCloud.RootId, 400000000001, 10);
            AddAccounts(cloud, "ou-a", 400000000101, 15);
            AddAccounts(cloud, "ou-b", 400000000201, 12);
            AddAccounts(cloud, "ou-c", 400000000301, 13);
            foreach (var account in cloud.Accounts) account.Tags["cost-center"] = account.Id[^3..];
        });

        var accounts = await rig.Adapters.Directory.ListAccountsAsync(CancellationToken.None);

        Assert.Equal(50, accounts.Count);
        // 1 + 2 × (1 + OUs) × pages + OUs + accounts = 1 + 2 × 4 × 1 + 3 + 50. Bottom-up it was
        // ListAccounts pages + 2 × accounts + 3 × OUs = 3 + 100 + 9 = 112.
        Assert.Equal(62, rig.Cloud.Requests.Count(r => r.SigningService == "organizations"));
        Assert.Equal((1, 4, 4, 53), (Calls(rig, "ListRoots").Count, Calls(rig, "ListOrganizationalUnitsForParent").Count,
            Calls(rig, "ListAccountsForParent").Count, Calls(rig, "ListTagsForResource").Count));
    }

    [Theory]
    [InlineData("ou-prod", "ou-prod was listed below r-root and again below ou-web")]
    [InlineData(FakeAwsCloud.RootId, "r-root was listed as a root and again below ou-web")]
    public async Task ListAccounts_AncestorListedBelowAnOu_FinalParentLoopNamingBoth(string ancestor, string detail)
    {
        using var rig = AwsTestRig.Create(cloud => cloud.Fault = r =>
            r.Action == "ListOrganizationalUnitsForParent" && r.JsonString("ParentId") == "ou-web"
                ? StubResponse.AwsJson($$"""{"OrganizationalUnits":[{"Id":"{{ancestor}}","Name":"Again"}]}""")
                : null);

        var error = await Assert.ThrowsAsync<ServiceException>(() => rig.Adapters.Directory.ListAccountsAsync(CancellationToken.None));

        Assert.Equal(("ParentLoop", FailureKind.Final), (error.Code, error.Kind));
        Assert.Contains(detail, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10, null)]
    [InlineData(11, "OU ou-d11 below ou-d10 is nested 11 deep, more than 10")]
    public async Task ListAccounts_OuChainOfDepth_TenWalkedElevenFinalNestingTooDeep(int depth, string? detail)
    {
        using var rig = AwsTestRig.Create(cloud =>
        {
            Clear(cloud);
            for (var i = 1; i <= depth; i++) AddOu(cloud, $"ou-d{i:D2}", $"D{i}", i == 1 ? FakeAwsCloud.RootId : $"ou-d{i - 1:D2}");
            AddAccounts(cloud, $"ou-d{depth:D2}", 500000000001, 1);
        });

        if (detail is null)
        {
            var account = Assert.Single(await rig.Adapters.Directory.ListAccountsAsync(CancellationToken.None));
            Assert.Equal(Enumerable.Range(1, 10).Select(i => $"D{i}"), account.OrganizationalUnits.Select(o => o.Name));
            return;
        }

        var error = await Assert.ThrowsAsync<ServiceException>(() => rig.Adapters.Directory.ListAccountsAsync(CancellationToken.None));
        Assert.Equal(("NestingTooDeep", FailureKind.Final), (error.Code, error.Kind));
        Assert.Contains(detail, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAccounts_AccountUnderTwoParents_FinalErrorNamingAccountAndBothParents()
    {
        using var rig = AwsTestRig.Create(cloud => cloud.Fault = r =>
            r.Action == "ListAccountsForParent" && r.JsonString("ParentId") == "ou-sandbox"
                ? StubResponse.AwsJson($$"""{"Accounts":[{"Id":"{{SmallOrganization.Web}}","Name":"Web","State":"ACTIVE"}]}""")
                : null);

        var error = await Assert.ThrowsAsync<ServiceException>(() => rig.Adapters.Directory.ListAccountsAsync(CancellationToken.None));

        Assert.Equal(("AccountUnderTwoParents", FailureKind.Final), (error.Code, error.Kind));
        Assert.Contains("account 111111111111 was listed below ou-sandbox and again below ou-web", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAccounts_NoRootListed_FinalNoRootInsteadOfAnEmptyOrganization()
    {
        using var rig = AwsTestRig.Create(cloud => cloud.Fault = r => r.Action == "ListRoots" ? StubResponse.AwsJson("""{"Roots":[]}""") : null);

        var error = await Assert.ThrowsAsync<ServiceException>(() => rig.Adapters.Directory.ListAccountsAsync(CancellationToken.None));

        Assert.Equal(("NoRoot", FailureKind.Final), (error.Code, error.Kind));
        Assert.DoesNotContain(rig.Cloud.Requests, r => r.Action == "ListAccountsForParent");
    }
}
