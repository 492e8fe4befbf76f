using KeyRotation.Core.Facts;
using KeyRotation.Simulation.Model;

namespace KeyRotation.Bench.Organization;

/// <summary>
/// The Organizations requests the engine's walk sends (Engine/Organization/OrganizationDirectory, top-down, one after
/// another), counted from the organization for the lower bound (a test holds the two equal): ListRoots; per root and OU one ListOrganizationalUnitsForParent and one
/// ListAccountsForParent page per 20 entries (at least one each); one ListTagsForResource per OU and per ACTIVE account
/// (a suspended or closed account's tags cannot decide anything, so the engine does not read them).
/// For 1,000 accounts in 10 OUs with one page each that is 1 + 2 x 11 + 10 + 1,000 = 1,033. The fan-out's list-targets
/// walks without the accounts' tags (1 + 2 x 11 + 10 = 33 there). A fan-out step reads its account again bottom-up:
/// DescribeAccount, its ListTagsForResource, its ListParents, then for each OU on the way its ListTagsForResource and
/// ListParents (2d + 3 for an account d OUs deep), each OU only the first time its Lambda instance meets it in the run
/// (Engine/Organization/OrganizationUnitCache), so 3 for an account whose OUs the instance knows.
/// </summary>
internal static class OrganizationWalk
{
    /// <summary>Organizations' largest MaxResults for the listings the walk pages through.</summary>
    public const int PageSize = 20;

    private const string Root = "r-root";

    /// <summary>The walk's requests in the order they are sent, by operation name.</summary>
    /// <param name="accountTags">false: the accounts' tags are not read (the fan-out's list-targets).</param>
    public static IReadOnlyList<string> Requests(SimulatedOrganization organization, bool accountTags = true)
    {
        var requests = new List<string> { "ListRoots" };
        var unitsByParent = organization.OrganizationalUnits.ToLookup(u => u.ParentId, StringComparer.Ordinal);
        var accountsByParent = organization.Accounts.ToLookup(a => a.ParentId, StringComparer.Ordinal);
        var parents = new Queue<string>([Root]);
        while (parents.TryDequeue(out var parent))
        {
            var units = unitsByParent[parent].ToArray();
            requests.AddRange(Enumerable.Repeat("ListOrganizationalUnitsForParent", Pages(units.Length)));
            foreach (var unit in units)
            {
                requests.Add("ListTagsForResource");
                parents.Enqueue(unit.Id);
            }

            var accounts = accountsByParent[parent].ToArray();
            requests.AddRange(Enumerable.Repeat("ListAccountsForParent", Pages(accounts.Length)));
            // The bench targets every account, so only state spares a tag read (AccountSelector.NeedsTags).
            var tagged = accountTags ? accounts.Count(a => a.State == AccountState.Active) : 0;
            requests.AddRange(Enumerable.Repeat("ListTagsForResource", tagged));
        }

        return requests;
    }

    /// <summary>
    /// The re-read of one account by a fan-out step, bottom-up; the tags and parent of an OU the same Lambda instance
    /// already read in the run (<paramref name="knownUnits"/>, updated) are not read again.
    /// </summary>
    public static IReadOnlyList<string> Reread(SimulatedOrganization organization, string accountId, ISet<string> knownUnits)
    {
        var requests = new List<string> { "DescribeAccount" };
        if (organization.Accounts.FirstOrDefault(a => a.Id == accountId) is not { } account)
        {
            return requests;
        }

        requests.Add("ListTagsForResource");
        var units = organization.OrganizationalUnits.ToDictionary(u => u.Id, StringComparer.Ordinal);
        var parent = account.ParentId;
        requests.Add("ListParents");
        while (parent != Root && units.TryGetValue(parent, out var unit) && knownUnits.Add(unit.Id))
        {
            requests.Add("ListTagsForResource");
            requests.Add("ListParents");
            parent = unit.ParentId;
        }

        return requests;
    }

    private static int Pages(int entries) => Math.Max(1, (entries + PageSize - 1) / PageSize);
}
