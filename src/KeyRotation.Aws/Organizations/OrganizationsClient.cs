using System.Text.Json;
using System.Text.Json.Nodes;
using KeyRotation.Aws.Permissions;
using KeyRotation.Aws.Protocol;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Organizations;

namespace KeyRotation.Aws.Organizations;

/// <summary>
/// The Organizations operations the tool uses (awsJson1_1), one request each: listings ask for pages of
/// <see cref="PageSize"/> and return one page with its NextToken; walking pages and the tree is the engine's.
/// </summary>
[ActsAs(AwsPrincipal.Central)]
internal sealed class OrganizationsClient(JsonClient json) : IOrganizationsOperations
{
    public const string TargetPrefix = "AWSOrganizationsV20161128";

    /// <summary>Organizations' maximum MaxResults for ListRoots, ListOrganizationalUnitsForParent, ListAccountsForParent and ListParents.</summary>
    public const int PageSize = 20;

    [RequiresPermission("organizations:ListRoots")]
    public Task<Page<string>> ListRootsAsync(string? nextToken, CancellationToken cancellationToken) =>
        ListAsync("ListRoots", new JsonObject(), nextToken, "Roots", root => root.RequiredString("Id"), cancellationToken);

    [RequiresPermission("organizations:ListOrganizationalUnitsForParent")]
    public Task<Page<OrganizationalUnit>> ListOrganizationalUnitsForParentAsync(string parentId, string? nextToken, CancellationToken cancellationToken) =>
        ListAsync("ListOrganizationalUnitsForParent", new JsonObject { ["ParentId"] = parentId }, nextToken, "OrganizationalUnits",
            ReadUnit, cancellationToken);

    [RequiresPermission("organizations:ListAccountsForParent")]
    public Task<Page<OrganizationAccount>> ListAccountsForParentAsync(string parentId, string? nextToken, CancellationToken cancellationToken) =>
        ListAsync("ListAccountsForParent", new JsonObject { ["ParentId"] = parentId }, nextToken, "Accounts", ReadAccount, cancellationToken);

    /// <summary>ListTagsForResource takes no MaxResults; the service chooses the page size.</summary>
    [RequiresPermission("organizations:ListTagsForResource")]
    public Task<Page<KeyValuePair<string, string>>> ListTagsForResourceAsync(string resourceId, string? nextToken, CancellationToken cancellationToken)
    {
        var input = new JsonObject { ["ResourceId"] = resourceId };
        if (nextToken is not null) input["NextToken"] = nextToken;
        return json.SendAsync("ListTagsForResource", input,
            output => new Page<KeyValuePair<string, string>>(
                [.. output.Array("Tags").Select(t => KeyValuePair.Create(t.RequiredString("Key"), t.String("Value") ?? ""))],
                output.String("NextToken")),
            cancellationToken);
    }

    /// <summary>AccountNotFoundException maps to <see cref="FailureKind.NotFound"/> (Protocol/FailureClassifier).</summary>
    [RequiresPermission("organizations:DescribeAccount")]
    public Task<OrganizationAccount> DescribeAccountAsync(string accountId, CancellationToken cancellationToken) =>
        json.SendAsync("DescribeAccount", new JsonObject { ["AccountId"] = accountId },
            output => output.TryGetProperty("Account", out var account) && account.ValueKind == JsonValueKind.Object
                ? ReadAccount(account)
                : throw new FormatException("DescribeAccount answered without an Account"),
            cancellationToken);

    [RequiresPermission("organizations:ListParents")]
    public Task<Page<OrganizationParent>> ListParentsAsync(string childId, string? nextToken, CancellationToken cancellationToken) =>
        ListAsync("ListParents", new JsonObject { ["ChildId"] = childId }, nextToken, "Parents",
            parent => new OrganizationParent(parent.RequiredString("Id"), parent.String("Type") == "ROOT"), cancellationToken);

    private Task<Page<T>> ListAsync<T>(
        string operation, JsonObject input, string? nextToken, string member, Func<JsonElement, T> read, CancellationToken cancellationToken)
    {
        input["MaxResults"] = PageSize;
        if (nextToken is not null) input["NextToken"] = nextToken;
        return json.SendAsync(operation, input,
            output => new Page<T>([.. output.Array(member).Select(read)], output.String("NextToken")),
            cancellationToken);
    }

    /// <summary>A missing name reads as the id.</summary>
    private static OrganizationalUnit ReadUnit(JsonElement unit)
    {
        var id = unit.RequiredString("Id");
        return new OrganizationalUnit(id, unit.String("Name") ?? id);
    }

    /// <summary>State is <c>State</c>, or the older <c>Status</c>.</summary>
    private static OrganizationAccount ReadAccount(JsonElement account) =>
        new(account.RequiredString("Id"), account.String("Name") ?? "", account.String("State") ?? account.String("Status"));
}
