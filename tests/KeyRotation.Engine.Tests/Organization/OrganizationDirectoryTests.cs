using KeyRotation.Core.Facts;
using KeyRotation.Core.Targeting;
using KeyRotation.Engine.Organization;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Engine.Tests.Organization;

/// <summary>The engine's top-down walk and DescribeAccount re-read, over operations laid out by the test.</summary>
public sealed class OrganizationDirectoryTests
{
    private const string Root = FakeOrganizations.Root;

    /// <summary>id|name|state|ou-id:ou-name[k=v,...]/...|k=v,... with tags sorted, so facts compare as text.</summary>
    private static string Describe(AccountFacts account) =>
        $"{account.AccountId}|{account.Name}|{account.State}|" +
        string.Join("/", account.OrganizationalUnits.Select(o => $"{o.Id}:{o.Name}[{Tags(o.Tags)}]")) + "|" + Tags(account.Tags);

    private static string Tags(IReadOnlyDictionary<string, string> tags) =>
        string.Join(",", tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));

    /// <summary>Prod/Web (tagged) with two accounts, Sandbox with one, two accounts under the root.</summary>
    private static FakeOrganizations Small() => new FakeOrganizations()
        .AddUnit("ou-prod", "Prod", Root, ("env", "prod"))
        .AddUnit("ou-web", "Web", "ou-prod", ("team", "web"), ("tier", "front"))
        .AddUnit("ou-sandbox", "Sandbox", Root)
        .AddAccount("111111111111", "ou-web", name: "Web", tags: [("cost-center", "42")])
        .AddAccount("555555555555", "ou-web", name: "Web2")
        .AddAccount("222222222222", "ou-sandbox", name: "Sandbox")
        .AddAccount("333333333333", Root, "SUSPENDED", "Old")
        .AddAccount("444444444444", Root, "CLOSED", "Gone");

    [Fact]
    public async Task ListAccounts_SmallOrganization_EveryAccountSortedWithStatePathAndTags()
    {
        var accounts = await new OrganizationDirectory(Small()).ListAccountsAsync(CancellationToken.None);

        Assert.Equal(
        [
            "111111111111|Web|Active|ou-prod:Prod[env=prod]/ou-web:Web[team=web,tier=front]|cost-center=42",
            "222222222222|Sandbox|Active|ou-sandbox:Sandbox[]|",
            "333333333333|Old|Suspended||",
            "444444444444|Gone|Closed||",
            "555555555555|Web2|Active|ou-prod:Prod[env=prod]/ou-web:Web[team=web,tier=front]|",
        ], accounts.Select(Describe));
    }

    [Fact]
    public async Task ListAccounts_AccountsSkippedBeforeTagsMatter_TheirTagsAreNotRead()
    {
        var organizations = Small();
        var targeting = new AccountTargeting(
            IncludeAccounts: new HashSet<string>(), ExcludeAccounts: new HashSet<string> { "222222222222" },
            IncludeOrganizationalUnits: new HashSet<string>(), ExcludeOrganizationalUnits: new HashSet<string>());

        var accounts = await new OrganizationDirectory(organizations)
            .ListAccountsAsync(a => AccountSelector.NeedsTags(a, targeting), CancellationToken.None);

        // Excluded by id (222...), SUSPENDED (333...) and CLOSED (444...) are not asked; the three OUs and the two
        // ACTIVE, targeted accounts are: 5 reads instead of 8.
        var tagReads = organizations.Requests.Where(r => r.Operation == "ListTagsForResource").Select(r => r.Id).ToHashSet();
        Assert.Equal(["111111111111", "555555555555", "ou-prod", "ou-sandbox", "ou-web"], tagReads.Order(StringComparer.Ordinal));
        Assert.Equal("cost-center=42", Tags(accounts.Single(a => a.AccountId == "111111111111").Tags));
        Assert.Equal(5, accounts.Count);
    }

    [Fact]
    public async Task ListAccounts_OusNestedThreeDeep_EachAccountGetsItsChainAndTags()
    {
        var organizations = new FakeOrganizations()
            .AddUnit("ou-eng", "Engineering", Root, ("team", "eng"))
            .AddUnit("ou-platform", "Platform", "ou-eng", ("tier", "core"))
            .AddUnit("ou-ci", "CI", "ou-platform", ("env", "ci"))
            .AddAccount("100000000001", Root)
            .AddAccount("100000000004", "ou-ci", "SUSPENDED", tags: [("cost-center", "7")]);

        var accounts = await new OrganizationDirectory(organizations).ListAccountsAsync(CancellationToken.None);

        Assert.Equal(
        [
            "100000000001|Account 100000000001|Active||",
            "100000000004|Account 100000000004|Suspended|ou-eng:Engineering[team=eng]/ou-platform:Platform[tier=core]/ou-ci:CI[env=ci]|cost-center=7",
        ], accounts.Select(Describe));
    }

    [Fact]
    public async Task ListAccounts_ThreeOusFiftyAccounts_OnePlusTwoListingsPerParentPlusOneTagReadPerOuAndAccount()
    {
        var organizations = new FakeOrganizations()
            .AddUnit("ou-a", "A", Root, ("env", "a"))
            .AddUnit("ou-b", "B", Root, ("env", "b"))
            .AddUnit("ou-c", "C", "ou-a", ("env", "c"))
            .AddAccounts(Root, 400000000001, 10)
            .AddAccounts("ou-a", 400000000101, 15)
            .AddAccounts("ou-b", 400000000201, 12)
            .AddAccounts("ou-c", 400000000301, 13);

        var accounts = await new OrganizationDirectory(organizations).ListAccountsAsync(CancellationToken.None);

        Assert.Equal(50, accounts.Count);
        // 1 + 2 × (1 + OUs) × pages + OUs + accounts = 1 + 2 × 4 × 1 + 3 + 50.
        Assert.Equal(62, organizations.Requests.Count);
        Assert.Equal((1, 4, 4, 53), (organizations.Count("ListRoots"), organizations.Count("ListOrganizationalUnitsForParent"),
            organizations.Count("ListAccountsForParent"), organizations.Count("ListTagsForResource")));
    }

    [Fact]
    public async Task ListAccounts_45AccountsUnderOneOu_EveryPageRead()
    {
        var organizations = new FakeOrganizations().AddUnit("ou-big", "Big", Root).AddAccounts("ou-big", 200000000001, 45);

        var accounts = await new OrganizationDirectory(organizations).ListAccountsAsync(CancellationToken.None);

        Assert.Equal(45, accounts.Select(a => a.AccountId).Distinct().Count());
        Assert.Equal([null, "20", "40"],
            organizations.Requests.Where(r => r.Operation == "ListAccountsForParent" && r.Id == "ou-big").Select(r => r.Marker));
    }

    [Fact]
    public async Task ListAccounts_EmptyPageWithMarker_KeepsGoingToTheLastPage()
    {
        var organizations = Small();
        organizations.EmptyFirstPage = true;

        var accounts = await new OrganizationDirectory(organizations).ListAccountsAsync(CancellationToken.None);

        Assert.Equal(5, accounts.Count);
    }

    [Fact]
    public async Task ListAccounts_ServiceRepeatsItsMarker_FailsInsteadOfLooping()
    {
        var organizations = Small();
        organizations.RepeatsItsMarker = "ListAccountsForParent";

        var error = await Assert.ThrowsAsync<ServiceException>(() => new OrganizationDirectory(organizations).ListAccountsAsync(CancellationToken.None));

        Assert.Equal(("PaginationLoop", FailureKind.Final), (error.Code, error.Kind));
    }

    [Fact]
    public async Task ListAccounts_TagsOverSeveralPages_AllRead()
    {
        var organizations = Small();
        organizations.TagsPageSize = 1;
        organizations.Tags["111111111111"]["third"] = "3";

        var web = (await new OrganizationDirectory(organizations).ListAccountsAsync(CancellationToken.None))[0];

        Assert.Equal(new Dictionary<string, string> { ["cost-center"] = "42", ["third"] = "3" }, web.Tags);
        Assert.Equal(2, organizations.Requests.Count(r => r.Operation == "ListTagsForResource" && r.Id == "111111111111"));
    }

    [Fact]
    public async Task ListAccounts_AccountsShareAnOu_OuTagsReadOnceAndNoPerAccountPathCalls()
    {
        var organizations = Small();

        await new OrganizationDirectory(organizations).ListAccountsAsync(CancellationToken.None);

        Assert.Single(organizations.Requests, r => r.Operation == "ListTagsForResource" && r.Id == "ou-web");
        Assert.DoesNotContain(organizations.Requests, r => r.Operation is "ListParents" or "DescribeAccount");
    }

    [Fact]
    public async Task ListAccounts_FailedThenWalkedAgain_OuTagsOfTheRunReused()
    {
        var organizations = Small();
        var fail = true;
        organizations.Fault = (op, id) => fail && op == "ListTagsForResource" && id == "222222222222"
            ? new ServiceException("Organizations", op, "TooManyRequestsException", FailureKind.Throttling)
            : null;
        var directory = new OrganizationDirectory(organizations);

        var error = await Assert.ThrowsAsync<ServiceException>(() => directory.ListAccountsAsync(CancellationToken.None));
        Assert.Equal(FailureKind.Throttling, error.Kind);
        fail = false;
        var accounts = await directory.ListAccountsAsync(CancellationToken.None);

        Assert.Equal(5, accounts.Count);
        Assert.Single(organizations.Requests, r => r.Operation == "ListTagsForResource" && r.Id == "ou-web");
        Assert.Single(organizations.Requests, r => r.Operation == "ListTagsForResource" && r.Id == "ou-prod");
        Assert.Equal(2, organizations.Requests.Count(r => r.Operation == "ListTagsForResource" && r.Id == "222222222222"));
        Assert.Equal(2, organizations.Count("ListRoots"));
    }

    [Theory]
    [InlineData("ou-prod", "ou-prod was listed below r-root and again below ou-web")]
    [InlineData(Root, "r-root was listed as a root and again below ou-web")]
    public async Task ListAccounts_AncestorListedBelowAnOu_FinalParentLoopNamingBoth(string ancestor, string detail)
    {
        var organizations = Small();
        organizations.Units["ou-web"] = [new(ancestor, "Again")];

        var error = await Assert.ThrowsAsync<ServiceException>(() => new OrganizationDirectory(organizations).ListAccountsAsync(CancellationToken.None));

        Assert.Equal(("ParentLoop", FailureKind.Final), (error.Code, error.Kind));
        Assert.Contains(detail, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10, null)]
    [InlineData(11, "OU ou-d11 below ou-d10 is nested 11 deep, more than 10")]
    public async Task ListAccounts_OuChainOfDepth_TenWalkedElevenFinalNestingTooDeep(int depth, string? detail)
    {
        var organizations = new FakeOrganizations();
        for (var i = 1; i <= depth; i++) organizations.AddUnit($"ou-d{i:D2}", $"D{i}", i == 1 ? Root : $"ou-d{i - 1:D2}");
        organizations.AddAccount("500000000001", $"ou-d{depth:D2}");
        var directory = new OrganizationDirectory(organizations);

        if (detail is null)
        {
            var account = Assert.Single(await directory.ListAccountsAsync(CancellationToken.None));
            Assert.Equal(Enumerable.Range(1, 10).Select(i => $"D{i}"), account.OrganizationalUnits.Select(o => o.Name));
            return;
        }

        var error = await Assert.ThrowsAsync<ServiceException>(() => directory.ListAccountsAsync(CancellationToken.None));
        Assert.Equal(("NestingTooDeep", FailureKind.Final), (error.Code, error.Kind));
        Assert.Contains(detail, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAccounts_AccountUnderTwoParents_FinalErrorNamingAccountAndBothParents()
    {
        var organizations = Small();
        organizations.Accounts["ou-sandbox"].Add(new("111111111111", "Web", "ACTIVE"));

        var error = await Assert.ThrowsAsync<ServiceException>(() => new OrganizationDirectory(organizations).ListAccountsAsync(CancellationToken.None));

        Assert.Equal(("AccountUnderTwoParents", FailureKind.Final), (error.Code, error.Kind));
        Assert.Contains("account 111111111111 was listed below ou-sandbox and again below ou-web", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAccounts_NoRootListed_FinalNoRootInsteadOfAnEmptyOrganization()
    {
        var organizations = Small();
        organizations.Roots.Clear();

        var error = await Assert.ThrowsAsync<ServiceException>(() => new OrganizationDirectory(organizations).ListAccountsAsync(CancellationToken.None));

        Assert.Equal(("NoRoot", FailureKind.Final), (error.Code, error.Kind));
        Assert.DoesNotContain(organizations.Requests, r => r.Operation == "ListAccountsForParent");
    }

    [Fact]
    public async Task DescribeAccount_TwoOusDeep_SameDecidingFactsAsTheWalkInTwoDPlusThreeRequests()
    {
        var organizations = Small();
        var walked = (await new OrganizationDirectory(organizations).ListAccountsAsync(CancellationToken.None)).Single(a => a.AccountId == "111111111111");
        organizations.Requests.Clear();

        var read = await new OrganizationDirectory(organizations).DescribeAccountAsync("111111111111", CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal((walked.Name, walked.State, Tags(walked.Tags)), (read.Name, read.State, Tags(read.Tags)));
        Assert.Equal(walked.OrganizationalUnits.Select(ou => (ou.Id, Tags(ou.Tags))), read.OrganizationalUnits.Select(ou => (ou.Id, Tags(ou.Tags))));
        Assert.Equal(
            ["DescribeAccount", "ListTagsForResource", "ListParents", "ListTagsForResource", "ListParents", "ListTagsForResource", "ListParents"],
            organizations.Requests.Select(r => r.Operation));
    }

    [Fact]
    public async Task DescribeAccount_NotInTheOrganization_Null() =>
        Assert.Null(await new OrganizationDirectory(Small()).DescribeAccountAsync("999999999999", CancellationToken.None));

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
}
