using KeyRotation.Aws.Organizations;
using KeyRotation.Aws.Tests.Support;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Tests.Organizations;

public sealed class OrganizationDirectoryTests
{
    private static IReadOnlyList<StubRequest> Calls(AwsTestRig rig, string action) =>
        [.. rig.Cloud.Requests.Where(r => r.SigningService == "organizations" && r.Action == action)];

    [Fact]
    public async Task ListAccounts_EmptyPageWithNextToken_KeepsGoingToTheLastPage()
    {
        using var rig = AwsTestRig.Create();

        var accounts = await rig.Adapters.Directory.ListAccountsAsync(CancellationToken.None);

        Assert.Equal(4, accounts.Count);
        var pages = Calls(rig, "ListAccounts");
        Assert.Equal([null, "page-1", "page-2"], pages.Select(p => p.JsonString("NextToken")));
        Assert.All(pages, p => Assert.Equal(20, p.Json.GetProperty("MaxResults").GetInt32()));
    }

    [Fact]
    public async Task ListAccounts_NoAccounts_OnePageAndEmptyList()
    {
        using var rig = AwsTestRig.Create(cloud => cloud.Accounts.Clear());

        Assert.Empty(await rig.Adapters.Directory.ListAccountsAsync(CancellationToken.None));
        Assert.Single(Calls(rig, "ListAccounts"));
    }

    [Fact]
    public async Task ListAccounts_TagsOverSeveralPages_AllRead()
    {
        using var rig = AwsTestRig.Create(cloud => cloud.Account(SmallOrganization.Web).Tags["third"] = "3");

        var web = (await rig.Adapters.Directory.ListAccountsAsync(CancellationToken.None))[0];

        Assert.Equal(new Dictionary<string, string> { ["cost-center"] = "42", ["key-rotation:opt-out"] = "false", ["third"] = "3" }, web.Tags);
        Assert.Equal(3, Calls(rig, "ListTagsForResource").Count(r => r.JsonString("ResourceId") == SmallOrganization.Web));
    }

    [Fact]
    public async Task ListAccounts_AccountsShareAnOu_OuLookedUpOnce()
    {
        using var rig = AwsTestRig.Create(cloud => cloud.Accounts.Add(new FakeAccount("555555555555", "Web2", "ou-web")));

        var accounts = await rig.Adapters.Directory.ListAccountsAsync(CancellationToken.None);

        Assert.Equal(["Prod", "Web"], accounts.Single(a => a.AccountId == "555555555555").OrganizationalUnits.Select(o => o.Name));
        Assert.Single(Calls(rig, "DescribeOrganizationalUnit"), r => r.JsonString("OrganizationalUnitId") == "ou-web");
        Assert.Single(Calls(rig, "DescribeOrganizationalUnit"), r => r.JsonString("OrganizationalUnitId") == "ou-prod");
        Assert.Equal(1, Calls(rig, "ListParents").Count(r => r.JsonString("ChildId") == "ou-web"));
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
    public async Task ListAccounts_ServiceRepeatsItsToken_FailsInsteadOfLooping()
    {
        using var rig = AwsTestRig.Create(cloud => cloud.Fault = r => r.Action == "ListAccounts"
            ? StubResponse.AwsJson("""{"Accounts":[],"NextToken":"same"}""")
            : null);

        var error = await Assert.ThrowsAsync<ServiceException>(() => rig.Adapters.Directory.ListAccountsAsync(CancellationToken.None));

        Assert.Equal(("PaginationLoop", FailureKind.Final), (error.Code, error.Kind));
    }

    [Fact]
    public async Task ListAccounts_Throttled_ThrottlingErrorAndRetryResumesFromCache()
    {
        var throttle = true;
        using var rig = AwsTestRig.Create(cloud => cloud.Fault = r =>
            throttle && r.Action == "ListTagsForResource" && r.JsonString("ResourceId") == SmallOrganization.Sandbox
                ? FakeAwsCloud.JsonError(400, "TooManyRequestsException", "slow down")
                : null);

        var error = await Assert.ThrowsAsync<ServiceException>(() => rig.Adapters.Directory.ListAccountsAsync(CancellationToken.None));
        Assert.Equal(FailureKind.Throttling, error.Kind);
        throttle = false;
        var accounts = await rig.Adapters.Directory.ListAccountsAsync(CancellationToken.None);

        Assert.Equal(4, accounts.Count);
        Assert.Single(Calls(rig, "DescribeOrganizationalUnit"), r => r.JsonString("OrganizationalUnitId") == "ou-web");
    }

    [Theory]
    [InlineData("ACTIVE", AccountState.Active)]
    [InlineData("SUSPENDED", AccountState.Suspended)]
    [InlineData("PENDING_CLOSURE", AccountState.PendingClosure)]
    [InlineData("CLOSED", AccountState.Closed)]
    [InlineData("PENDING_ACTIVATION", AccountState.Suspended)]
    [InlineData(null, AccountState.Suspended)]
    [InlineData("SOMETHING_NEW", AccountState.Suspended)]
    public void AccountStates_Parse_MapsOrganizationsStates(string? state, AccountState expected) =>
        Assert.Equal(expected, AccountStates.Parse(state));

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
