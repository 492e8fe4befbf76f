using System.Text.Json;
using System.Text.Json.Nodes;
using KeyRotation.Aws.Protocol;

namespace KeyRotation.Aws.Organizations;

/// <summary>One account as ListAccountsForParent reports it; <see cref="State"/> is <c>State</c>, or the older <c>Status</c>.</summary>
internal sealed record OrganizationAccount(string Id, string Name, string? State);

/// <summary>One parent as ListParents reports it: a root (<see cref="IsRoot"/>) or an OU.</summary>
internal sealed record OrganizationParent(string Id, bool IsRoot);

/// <summary>One OU as ListOrganizationalUnitsForParent reports it; a missing name reads as the id.</summary>
internal sealed record OrganizationUnit(string Id, string Name);

/// <summary>The Organizations operations the tool uses, every page followed.</summary>
internal sealed class OrganizationsClient(JsonClient json)
{
    public const string TargetPrefix = "AWSOrganizationsV20161128";

    /// <summary>Organizations' maximum MaxResults for ListRoots, ListOrganizationalUnitsForParent and ListAccountsForParent.</summary>
    public const int PageSize = 20;

    private const string Service = "Organizations";

    /// <summary>The ids of the organization's roots (Organizations has exactly one today).</summary>
    public Task<IReadOnlyList<string>> ListRootIdsAsync(CancellationToken cancellationToken) =>
        ListAllAsync("ListRoots", parentId: null, "Roots", root => root.RequiredString("Id"), cancellationToken);

    /// <summary>The OUs directly below a root or OU, with their names.</summary>
    public Task<IReadOnlyList<OrganizationUnit>> ListOrganizationalUnitsForParentAsync(string parentId, CancellationToken cancellationToken) =>
        ListAllAsync("ListOrganizationalUnitsForParent", parentId, "OrganizationalUnits", ReadUnit, cancellationToken);

    /// <summary>The accounts directly below a root or OU, whatever their state.</summary>
    public Task<IReadOnlyList<OrganizationAccount>> ListAccountsForParentAsync(string parentId, CancellationToken cancellationToken) =>
        ListAllAsync("ListAccountsForParent", parentId, "Accounts", ReadAccount, cancellationToken);

    /// <summary>One account by id; null when Organizations answers AccountNotFoundException.</summary>
    public async Task<OrganizationAccount?> DescribeAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        try
        {
            return await json.SendAsync("DescribeAccount", new JsonObject { ["AccountId"] = accountId },
                output => output.TryGetProperty("Account", out var account) && account.ValueKind == JsonValueKind.Object
                    ? ReadAccount(account)
                    : throw new FormatException("DescribeAccount answered without an Account"),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Engine.Ports.ServiceException e) when (e.Code == "AccountNotFoundException")
        {
            return null;
        }
    }

    /// <summary>The parents of an account or OU (Organizations gives exactly one today), every page.</summary>
    public Task<IReadOnlyList<OrganizationParent>> ListParentsAsync(string childId, CancellationToken cancellationToken) =>
        ListAllAsync("ListParents", parentId: null, "Parents",
            parent => new OrganizationParent(parent.RequiredString("Id"), parent.String("Type") == "ROOT"),
            cancellationToken, ("ChildId", childId));

    /// <summary>Tags of an account, OU or root, every page.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ListTagsAsync(string resourceId, CancellationToken cancellationToken)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var input = new JsonObject { ["ResourceId"] = resourceId };
            if (token is not null) input["NextToken"] = token;
            var (page, next) = await json.SendAsync("ListTagsForResource", input,
                output => (output.Array("Tags").Select(t => KeyValuePair.Create(t.RequiredString("Key"), t.String("Value") ?? "")).ToList(),
                    output.String("NextToken")),
                cancellationToken).ConfigureAwait(false);
            foreach (var (key, value) in page) tags[key] = value;
            Pagination.EnsureProgress(Service, "ListTagsForResource", token, next);
            token = next;
        }
        while (token is not null);

        return tags;
    }

    /// <summary>Keeps asking while a NextToken comes back, even after an empty page (Organizations documents those).</summary>
    private async Task<IReadOnlyList<T>> ListAllAsync<T>(
        string operation, string? parentId, string member, Func<JsonElement, T> read, CancellationToken cancellationToken,
        (string Name, string Value)? extra = null)
    {
        var items = new List<T>();
        string? token = null;
        do
        {
            var input = new JsonObject { ["MaxResults"] = PageSize };
            if (parentId is not null) input["ParentId"] = parentId;
            if (extra is { } field) input[field.Name] = field.Value;
            if (token is not null) input["NextToken"] = token;
            var (page, next) = await json.SendAsync(operation, input,
                output => (output.Array(member).Select(read).ToList(), output.String("NextToken")),
                cancellationToken).ConfigureAwait(false);
            items.AddRange(page);
            Pagination.EnsureProgress(Service, operation, token, next);
            token = next;
        }
        while (token is not null);

        return items;
    }

    private static OrganizationUnit ReadUnit(JsonElement unit)
    {
        var id = unit.RequiredString("Id");
        return new OrganizationUnit(id, unit.String("Name") ?? id);
    }

    private static OrganizationAccount ReadAccount(JsonElement account) =>
        new(account.RequiredString("Id"), account.String("Name") ?? "", account.String("State") ?? account.String("Status"));
}
