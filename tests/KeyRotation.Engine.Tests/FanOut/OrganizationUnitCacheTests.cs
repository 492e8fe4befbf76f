using KeyRotation.Engine.Organization;
using KeyRotation.Engine.Tests.Organization;

namespace KeyRotation.Engine.Tests.FanOut;

/// <summary>What a Lambda execution environment keeps of OUs between the fan-out items it runs.</summary>
public sealed class OrganizationUnitCacheTests
{
    private const string Root = FakeOrganizations.Root;

    private static FakeOrganizations TwoDeep() => new FakeOrganizations()
        .AddUnit("ou-prod", "Prod", Root, ("key-rotation:opt-out", "false"))
        .AddUnit("ou-web", "Web", "ou-prod", ("team", "web"))
        .AddAccount("111111111111", "ou-web", name: "Web")
        .AddAccount("555555555555", "ou-web", name: "Web2", tags: [("key-rotation:opt-out", "true")]);

    [Fact]
    public async Task DescribeAccount_SecondItemOfTheRunUnderTheSameOus_ReadsOnlyItsAccount()
    {
        var organizations = TwoDeep();
        var cache = new OrganizationUnitCache();
        await new OrganizationDirectory(organizations).Sharing(cache, "run-1").DescribeAccountAsync("111111111111", CancellationToken.None);
        organizations.Requests.Clear();

        var read = await new OrganizationDirectory(organizations).Sharing(cache, "run-1").DescribeAccountAsync("555555555555", CancellationToken.None);

        Assert.Equal(["DescribeAccount", "ListTagsForResource", "ListParents"], organizations.Requests.Select(r => r.Operation));
        Assert.Equal(["ou-prod", "ou-web"], read!.OrganizationalUnits.Select(u => u.Id));
        Assert.Equal("web", read.OrganizationalUnits[1].Tags["team"]);
        Assert.Equal("true", read.Tags["key-rotation:opt-out"]);
    }

    /// <summary>A new run reads the OUs' tags afresh (an opt-out set since is seen); an OU cannot move, so its parent is kept.</summary>
    [Fact]
    public async Task DescribeAccount_NextRun_ReadsTheOuTagsAgainButNotTheirParents()
    {
        var organizations = TwoDeep();
        var cache = new OrganizationUnitCache();
        await new OrganizationDirectory(organizations).Sharing(cache, "run-1").DescribeAccountAsync("111111111111", CancellationToken.None);
        organizations.Requests.Clear();

        await new OrganizationDirectory(organizations).Sharing(cache, "run-2").DescribeAccountAsync("111111111111", CancellationToken.None);

        Assert.Equal(
            [("DescribeAccount", "111111111111"), ("ListTagsForResource", "111111111111"), ("ListParents", "111111111111"),
                ("ListTagsForResource", "ou-web"), ("ListTagsForResource", "ou-prod")],
            organizations.Requests.Select(r => (r.Operation, r.Id)));
    }

    [Fact]
    public async Task DescribeAccount_NotShared_ReadsEveryOuEachTime()
    {
        var organizations = TwoDeep();
        await new OrganizationDirectory(organizations).DescribeAccountAsync("111111111111", CancellationToken.None);
        organizations.Requests.Clear();

        await new OrganizationDirectory(organizations).DescribeAccountAsync("555555555555", CancellationToken.None);

        Assert.Equal(7, organizations.Requests.Count);
    }
}
