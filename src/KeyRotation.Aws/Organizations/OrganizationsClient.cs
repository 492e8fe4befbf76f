using System.Text.Json;
using System.Text.Json.Nodes;
using KeyRotation.Aws.Protocol;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Organizations;

/// <summary>One account as ListAccounts reports it; <see cref="State"/> is <c>State</c>, or the older <c>Status</c>.</summary>
internal sealed record OrganizationAccount(string Id, string Name, string? State);

/// <summary>The parent of an account or OU: the root or an OU.</summary>
internal sealed record OrganizationParent(string Id, bool IsRoot);

/// <summary>The Organizations operations the tool uses, every page followed.</summary>
internal sealed class OrganizationsClient(JsonClient json)
{
    public const string TargetPrefix = "AWSOrganizationsV20161128";

    /// <summary>Organizations' maximum for ListAccounts.</summary>
    public const int PageSize = 20;

    private const string Service = "Organizations";

    /// <summary>Every account; keeps asking while a NextToken comes back, even after an empty page.</summary>
    public async Task<IReadOnlyList<OrganizationAccount>> ListAccountsAsync(CancellationToken cancellationToken)
    {
        var accounts = new List<OrganizationAccount>();
        string? token = null;
        do
        {
            var input = new JsonObject { ["MaxResults"] = PageSize };
            if (token is not null) input["NextToken"] = token;
            var (page, next) = await json.SendAsync("ListAccounts", input,
                output => (output.Array("Accounts").Select(ReadAccount).ToList(), output.String("NextToken")),
                cancellationToken).ConfigureAwait(false);
            accounts.AddRange(page);
            Pagination.EnsureProgress(Service, "ListAccounts", token, next);
            token = next;
        }
        while (token is not null);

        return accounts;
    }

    /// <summary>The parent of an account or OU (an organization entity has exactly one).</summary>
    public async Task<OrganizationParent> GetParentAsync(string childId, CancellationToken cancellationToken)
    {
        string? token = null;
        do
        {
            var input = new JsonObject { ["ChildId"] = childId };
            if (token is not null) input["NextToken"] = token;
            var (parents, next) = await json.SendAsync("ListParents", input,
                output => (output.Array("Parents").Select(p => new OrganizationParent(p.RequiredString("Id"), p.String("Type") == "ROOT")).ToList(),
                    output.String("NextToken")),
                cancellationToken).ConfigureAwait(false);
            if (parents.Count > 0) return parents[0];

            Pagination.EnsureProgress(Service, "ListParents", token, next);
            token = next;
        }
        while (token is not null);

        throw new ServiceException(Service, "ListParents", "NoParent", FailureKind.Final, detail: $"no parent listed for {childId}");
    }

    public async Task<string> DescribeOrganizationalUnitNameAsync(string organizationalUnitId, CancellationToken cancellationToken)
    {
        var input = new JsonObject { ["OrganizationalUnitId"] = organizationalUnitId };
        var output = await json.SendAsync("DescribeOrganizationalUnit", input, cancellationToken).ConfigureAwait(false);
        return output.Object("OrganizationalUnit")?.String("Name") ?? organizationalUnitId;
    }

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

    private static OrganizationAccount ReadAccount(JsonElement account) =>
        new(account.RequiredString("Id"), account.String("Name") ?? "", account.String("State") ?? account.String("Status"));
}
