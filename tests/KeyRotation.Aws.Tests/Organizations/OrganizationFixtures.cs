using System.Globalization;
using KeyRotation.Core.Facts;

namespace KeyRotation.Aws.Tests.Organizations;

/// <summary>Organizations built in the fake cloud beyond <see cref="SmallOrganization"/>, and a flat view of the facts.</summary>
internal static class OrganizationFixtures
{
    /// <summary>id|name|state|ou-id:ou-name[k=v,...]/...|k=v,... with tags sorted, so facts compare as text.</summary>
    public static string Describe(AccountFacts account) =>
        $"{account.AccountId}|{account.Name}|{account.State}|" +
        string.Join("/", account.OrganizationalUnits.Select(o => $"{o.Id}:{o.Name}[{Tags(o.Tags)}]")) + "|" + Tags(account.Tags);

    /// <summary>Replaces the small organization with an empty one: no OUs, no accounts.</summary>
    public static void Clear(FakeAwsCloud cloud)
    {
        cloud.Accounts.Clear();
        cloud.OrganizationalUnits.Clear();
    }

    public static FakeOu AddOu(FakeAwsCloud cloud, string id, string name, string parentId, params (string Key, string Value)[] tags)
    {
        var ou = new FakeOu(id, name, parentId, tags.ToDictionary(t => t.Key, t => t.Value));
        cloud.OrganizationalUnits[id] = ou;
        return ou;
    }

    /// <summary>Adds <paramref name="count"/> accounts below <paramref name="parentId"/>, ids counting up from <paramref name="firstId"/>.</summary>
    public static void AddAccounts(FakeAwsCloud cloud, string parentId, long firstId, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var id = (firstId + i).ToString("D12", CultureInfo.InvariantCulture);
            cloud.Accounts.Add(new FakeAccount(id, "Account " + id, parentId));
        }
    }

    private static string Tags(IReadOnlyDictionary<string, string> tags) =>
        string.Join(",", tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));
}
