using System.Collections.Concurrent;
using System.Globalization;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Organizations;

namespace KeyRotation.Engine.Tests.Organization;

/// <summary>
/// Organizations as listings the test lays out (children per parent, so a test can list an OU twice or an account
/// under two parents), paged like the service, every request recorded with its id and marker.
/// </summary>
internal sealed class FakeOrganizations : IOrganizationsOperations
{
    public const string Root = "r-root";

    public List<string> Roots { get; } = [Root];
    public Dictionary<string, List<OrganizationalUnit>> Units { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, List<OrganizationAccount>> Accounts { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Dictionary<string, string>> Tags { get; } = new(StringComparer.Ordinal);

    /// <summary>Child id -> parent id (for DescribeAccount's ListParents).</summary>
    public Dictionary<string, string> Parents { get; } = new(StringComparer.Ordinal);

    public int PageSize { get; set; } = 20;
    public int TagsPageSize { get; set; } = 50;

    /// <summary>Answer a listing with an empty page and a marker before its first page (Organizations does this).</summary>
    public bool EmptyFirstPage { get; set; }

    /// <summary>(operation, id) -> error to throw before answering; null answers.</summary>
    public Func<string, string, Exception?> Fault { get; set; } = (_, _) => null;

    /// <summary>Operation whose every answer carries the marker it was given (or "same").</summary>
    public string? RepeatsItsMarker { get; set; }

    public ConcurrentQueue<(string Operation, string Id, string? Marker)> Requests { get; } = new();

    public int Count(string operation) => Requests.Count(r => r.Operation == operation);

    public FakeOrganizations AddUnit(string id, string name, string parentId, params (string Key, string Value)[] tags)
    {
        List(Units, parentId).Add(new OrganizationalUnit(id, name));
        Parents[id] = parentId;
        Tags[id] = tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        return this;
    }

    public FakeOrganizations AddAccount(string id, string parentId, string? state = "ACTIVE", string? name = null, params (string Key, string Value)[] tags)
    {
        List(Accounts, parentId).Add(new OrganizationAccount(id, name ?? "Account " + id, state));
        Parents[id] = parentId;
        Tags[id] = tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        return this;
    }

    public FakeOrganizations AddAccounts(string parentId, long firstId, int count)
    {
        for (var i = 0; i < count; i++) AddAccount((firstId + i).ToString("D12", CultureInfo.InvariantCulture), parentId);
        return this;
    }

    public Task<Page<string>> ListRootsAsync(string? nextToken, CancellationToken cancellationToken) =>
        Answer("ListRoots", "", nextToken, Roots, PageSize);

    public Task<Page<OrganizationalUnit>> ListOrganizationalUnitsForParentAsync(string parentId, string? nextToken, CancellationToken cancellationToken) =>
        Answer("ListOrganizationalUnitsForParent", parentId, nextToken, Units.GetValueOrDefault(parentId) ?? [], PageSize);

    public Task<Page<OrganizationAccount>> ListAccountsForParentAsync(string parentId, string? nextToken, CancellationToken cancellationToken) =>
        Answer("ListAccountsForParent", parentId, nextToken, Accounts.GetValueOrDefault(parentId) ?? [], PageSize);

    public Task<Page<KeyValuePair<string, string>>> ListTagsForResourceAsync(string resourceId, string? nextToken, CancellationToken cancellationToken) =>
        Answer("ListTagsForResource", resourceId, nextToken,
            [.. (Tags.GetValueOrDefault(resourceId) ?? []).OrderBy(t => t.Key, StringComparer.Ordinal)], TagsPageSize);

    public async Task<OrganizationAccount> DescribeAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        await Hit("DescribeAccount", accountId, null);
        return Accounts.Values.SelectMany(a => a).FirstOrDefault(a => a.Id == accountId)
            ?? throw new ServiceException("Organizations", "DescribeAccount", "AccountNotFoundException", FailureKind.NotFound, 400);
    }

    public Task<Page<OrganizationParent>> ListParentsAsync(string childId, string? nextToken, CancellationToken cancellationToken) =>
        Answer<OrganizationParent>("ListParents", childId, nextToken,
            Parents.TryGetValue(childId, out var parent) ? [new OrganizationParent(parent, Roots.Contains(parent))] : [], PageSize);

    private async Task<Page<T>> Answer<T>(string operation, string id, string? marker, IReadOnlyList<T> items, int pageSize)
    {
        await Hit(operation, id, marker);
        if (operation == RepeatsItsMarker) return new Page<T>([], marker ?? "same");
        if (EmptyFirstPage && operation != "ListTagsForResource")
        {
            if (marker is null) return new Page<T>([], "start");
            if (marker == "start") marker = null;
        }

        var start = marker is null ? 0 : int.Parse(marker, CultureInfo.InvariantCulture);
        var end = Math.Min(items.Count, start + pageSize);
        return new Page<T>([.. items.Skip(start).Take(pageSize)], end < items.Count ? end.ToString(CultureInfo.InvariantCulture) : null);
    }

    private async Task Hit(string operation, string id, string? marker)
    {
        await Task.Yield();
        Requests.Enqueue((operation, id, marker));
        if (Fault(operation, id) is { } error) throw error;
    }

    private static List<T> List<T>(Dictionary<string, List<T>> lists, string key) =>
        lists.TryGetValue(key, out var list) ? list : lists[key] = [];
}
