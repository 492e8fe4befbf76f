using KeyRotation.Bench.Organization;
using KeyRotation.Core.Facts;
using KeyRotation.Core.Targeting;
using KeyRotation.Simulation.Model;
using KeyRotation.Simulation.Ports;

namespace KeyRotation.Bench.Tests;

public sealed class OrganizationWalkTests
{
    /// <summary>Root: one OU and 2 accounts; the OU: 21 accounts (two pages of 20), the last one suspended.</summary>
    private static SimulatedOrganization SmallTree()
    {
        var organization = new SimulatedOrganization();
        organization.OrganizationalUnits.Add(new SimulatedOrganizationalUnit { Id = "ou-root-aaaaaaaa", Name = "a", ParentId = "r-root" });
        for (var i = 0; i < 23; i++)
        {
            organization.Accounts.Add(new SimulatedAccount
            {
                Id = (222222222200 + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Name = $"account-{i}",
                ParentId = i < 2 ? "r-root" : "ou-root-aaaaaaaa",
                State = i == 22 ? AccountState.Suspended : AccountState.Active,
            });
        }

        return organization;
    }

    [Fact]
    public void Requests_SmallTree_HandCounted()
    {
        // ListRoots; root: 1 OU page, 1 OU tag read, 1 account page, 2 account tag reads;
        // OU: 1 OU page (empty), 2 account pages, 20 account tag reads (none for the suspended one).
        var requests = OrganizationWalk.Requests(SmallTree());

        Assert.Equal(1 + (1 + 1 + 1 + 2) + (1 + 2 + 20), requests.Count);
        Assert.Equal(2 + 1 + 20, requests.Count(r => r == "ListTagsForResource"));
    }

    [Fact]
    public async Task Requests_SameAsTheEngineWalkSendsToTheSimulation()
    {
        var organization = SmallTree();
        var world = new SimulatedWorld(organization, TimeProvider.System, seed: 1);

        // As the sweep asks: tags only where they can decide (every account targeted here).
        await world.Directory.ListAccountsAsync(a => AccountSelector.NeedsTags(a, AccountTargeting.All), CancellationToken.None);

        var sent = world.Gate.CallsByOperation.Where(c => c.Key is "ListRoots" or "ListOrganizationalUnitsForParent"
            or "ListAccountsForParent" or "ListTagsForResource").Sum(c => c.Value);
        Assert.Equal(OrganizationWalk.Requests(organization).Count, sent);
    }

    [Fact]
    public async Task Reread_SameAsTheEngineReadSendsToTheSimulation()
    {
        var organization = SmallTree();
        var world = new SimulatedWorld(organization, TimeProvider.System, seed: 1);

        await world.Directory.DescribeAccountAsync("222222222210", CancellationToken.None);

        // DescribeAccount, the account's tags, ListParents (OU), the OU's tags, ListParents (root).
        var expected = OrganizationWalk.Reread(organization, "222222222210", new HashSet<string>(StringComparer.Ordinal));
        Assert.Equal(5, expected.Count);
        Assert.Equal(expected.Count, world.Gate.CallsByOperation.Sum(c => c.Value));
    }

    /// <summary>An OU its Lambda instance met before in the run (Engine/Organization/OrganizationUnitCache): neither its
    /// tags nor its parent are read again, so the account costs DescribeAccount, its tags and its ListParents.</summary>
    [Fact]
    public void Reread_UnitKnown_NeitherItsTagsNorItsParentReadAgain()
    {
        var known = new HashSet<string>(StringComparer.Ordinal) { "ou-root-aaaaaaaa" };

        var requests = OrganizationWalk.Reread(SmallTree(), "222222222210", known);

        Assert.Equal(["DescribeAccount", "ListTagsForResource", "ListParents"], requests);
    }

    [Fact]
    public void Requests_WithoutAccountTags_OnlyTheOusTagsRead()
    {
        var requests = OrganizationWalk.Requests(SmallTree(), accountTags: false);

        Assert.Equal(1 + (1 + 1 + 1) + (1 + 2), requests.Count);
        Assert.Equal(1, requests.Count(r => r == "ListTagsForResource"));
    }
}
