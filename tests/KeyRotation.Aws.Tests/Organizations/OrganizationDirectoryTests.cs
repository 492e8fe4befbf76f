using KeyRotation.Aws.Tests.Support;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Tests.Organizations;

/// <summary>
/// The engine's walk over the real Organizations client against the stub cloud: what goes on the wire (MaxResults,
/// NextToken, signing) and what comes back (State or Status, AccountNotFoundException). The walk's own algorithm is
/// tested in Engine.Tests (Organization/OrganizationDirectoryTests).
/// </summary>
public sealed class OrganizationDirectoryTests
{
    private static IReadOnlyList<StubRequest> Calls(AwsTestRig rig, string action) =>
        [.. rig.Cloud.Requests.Where(r => r.SigningService == "organizations" && r.Action == action)];

    /// <summary>Every ListTagsForResource request for the resource, later pages included.</summary>
    private static IEnumerable<StubRequest> TagRequests(AwsTestRig rig, string resourceId) =>
        Calls(rig, "ListTagsForResource").Where(r => r.JsonString("ResourceId") == resourceId);

    /// <summary>Reads of the resource's tags: first pages only.</summary>
    private static IEnumerable<StubRequest> TagReads(AwsTestRig rig, string resourceId) =>
        TagRequests(rig, resourceId).Where(r => r.JsonString("NextToken") is null);

    [Fact]
    public async Task ListAccounts_SmallOrganization_SameFactsAsTheBottomUpListing()
    {
        using var rig = AwsTestRig.Create(cloud => cloud.Accounts.Add(new FakeAccount("555555555555", "Web2", "ou-web")));

        var accounts = await rig.Adapters.Directory.ListAccountsAsync(CancellationToken.None);

        // What ListAccounts + ListParents + DescribeOrganizationalUnit returned for this organization, in its order.
        Assert.Equal(
        [
            "111111111111|Web|Active|ou-prod:Prod[env=prod]/ou-web:Web[team=web,tier=front]|cost-center=42,key-rotation:opt-out=false",
            "222222222222|Sandbox|Active|ou-sandbox:Sandbox[]|",
            "333333333333|Old|Suspended||",
            "444444444444|Gone|Closed||",
            "555555555555|Web2|Active|ou-prod:Prod[env=prod]/ou-web:Web[team=web,tier=front]|",
        ], accounts.Select(OrganizationFixtures.Describe));
    }

    [Fact]
    public async Task DescribeAccount_TwoOusDeep_SameDecidingFactsAsTheWalkInTwoPlusThreeRequests()
    {
        using var rig = AwsTestRig.Create();
        var walked = (await rig.Adapters.Directory.ListAccountsAsync(CancellationToken.None)).Single(a => a.AccountId == "111111111111");
        var before = rig.Cloud.Requests.Count;

        var read = await rig.Adapters.Directory.DescribeAccountAsync("111111111111", CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal((walked.Name, walked.State), (read.Name, read.State));
        Assert.Equal(walked.Tags.OrderBy(t => t.Key), read.Tags.OrderBy(t => t.Key));
        Assert.Equal(walked.OrganizationalUnits.Select(ou => (ou.Id, string.Join(",", ou.Tags.OrderBy(t => t.Key)))),
            read.OrganizationalUnits.Select(ou => (ou.Id, string.Join(",", ou.Tags.OrderBy(t => t.Key)))));
        // The OU tags were cached by the walk; a fresh directory would also read them (2d + 3 first pages).
        var sent = rig.Cloud.Requests.Skip(before).Where(r => r.JsonString("NextToken") is null).Select(r => r.Action).ToList();
        Assert.Equal(["DescribeAccount", "ListTagsForResource", "ListParents", "ListParents", "ListParents"], sent);
    }

    [Fact]
    public async Task DescribeAccount_NotInTheOrganization_Null()
    {
        using var rig = AwsTestRig.Create();

        Assert.Null(await rig.Adapters.Directory.DescribeAccountAsync("999999999999", CancellationToken.None));
    }

    [Fact]
    public async Task ListAccounts_EmptyPageWithNextToken_KeepsGoingToTheLastPage()
    {
        using var rig = AwsTestRig.Create(cloud => cloud.AccountsPageSize = 1);

        var accounts = await rig.Adapters.Directory.ListAccountsAsync(CancellationToken.None);

        Assert.Equal(4, accounts.Count);
        var rootPages = Calls(rig, "ListAccountsForParent").Where(r => r.JsonString("ParentId") == FakeAwsCloud.RootId);
        Assert.Equal([null, "ListAccountsForParent/r-root/1", "ListAccountsForParent/r-root/2"], rootPages.Select(p => p.JsonString("NextToken")));
        Assert.All(Calls(rig, "ListAccountsForParent").Concat(Calls(rig, "ListOrganizationalUnitsForParent")).Concat(Calls(rig, "ListRoots")),
            p => Assert.Equal(20, p.Json.GetProperty("MaxResults").GetInt32()));
    }

    [Fact]
    public async Task ListAccounts_NoAccounts_EveryParentListedOnceAndEmptyList()
    {
        using var rig = AwsTestRig.Create(cloud => cloud.Accounts.Clear());

        Assert.Empty(await rig.Adapters.Directory.ListAccountsAsync(CancellationToken.None));

        Assert.Single(Calls(rig, "ListRoots"));
        Assert.Equal(["ou-prod", "ou-sandbox", "ou-web", "r-root"], Calls(rig, "ListAccountsForParent").Select(r => r.JsonString("ParentId")).Order());
        Assert.Equal(["ou-prod", "ou-sandbox", "ou-web", "r-root"], Calls(rig, "ListOrganizationalUnitsForParent").Select(r => r.JsonString("ParentId")).Order());
    }

    [Fact]
    public async Task ListAccounts_TagsOverSeveralPages_AllRead()
    {
        using var rig = AwsTestRig.Create(cloud => cloud.Account(SmallOrganization.Web).Tags["third"] = "3");

        var web = (await rig.Adapters.Directory.ListAccountsAsync(CancellationToken.None))[0];

        Assert.Equal(new Dictionary<string, string> { ["cost-center"] = "42", ["key-rotation:opt-out"] = "false", ["third"] = "3" }, web.Tags);
        Assert.Equal(3, TagRequests(rig, SmallOrganization.Web).Count());
    }

    [Fact]
    public async Task ListAccounts_OuPath_OutermostFirstWithIdsAndTags()
    {
        using var rig = AwsTestRig.Create();

        var web = (await rig.Adapters.Directory.ListAccountsAsync(CancellationToken.None))[0];

        Assert.Equal(
            [("ou-prod", "Prod", "env=prod"), ("ou-web", "Web", "team=web,tier=front")],
            web.OrganizationalUnits.Select(o => (o.Id, o.Name, string.Join(",", o.Tags.OrderBy(t => t.Key).Select(t => $"{t.Key}={t.Value}")))));
    }

    [Fact]
    public async Task ListAccounts_StateAbsent_FallsBackToStatus()
    {
        using var rig = AwsTestRig.Create(cloud =>
        {
            cloud.Account(SmallOrganization.Old).State = null;
            cloud.Account(SmallOrganization.Old).Status = "PENDING_CLOSURE";
            cloud.Account(SmallOrganization.Gone).Status = "ACTIVE";
        });

        var accounts = await rig.Adapters.Directory.ListAccountsAsync(CancellationToken.None);

        Assert.Equal(AccountState.Active, accounts.Single(a => a.AccountId == SmallOrganization.Sandbox).State);
        Assert.Equal(AccountState.PendingClosure, accounts.Single(a => a.AccountId == SmallOrganization.Old).State);
        Assert.Equal(AccountState.Closed, accounts.Single(a => a.AccountId == SmallOrganization.Gone).State);
    }

    [Fact]
    public async Task ListAccounts_SignedForOrganizationsInUsEast1WithCentralCredentials()
    {
        using var rig = AwsTestRig.Create();

        await rig.Adapters.Directory.ListAccountsAsync(CancellationToken.None);

        Assert.All(rig.Cloud.Requests.Where(r => r.SigningService == "organizations"), r =>
        {
            Assert.Equal(("us-east-1", TestCredentials.AccessKeyId), (r.SigningRegion, r.AccessKeyId));
            Assert.Equal("organizations.us-east-1.amazonaws.com", r.Url.Host);
        });
    }
}
