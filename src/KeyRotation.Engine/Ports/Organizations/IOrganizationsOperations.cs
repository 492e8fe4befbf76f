namespace KeyRotation.Engine.Ports.Organizations;

/// <summary>The Organizations operations the tool uses, one request each: no paging loop, no retry, no decision.</summary>
public interface IOrganizationsOperations
{
    /// <summary>ListRoots: one page of root ids.</summary>
    Task<Page<string>> ListRootsAsync(string? nextToken, CancellationToken cancellationToken);

    /// <summary>ListOrganizationalUnitsForParent: one page of the parent's OUs (id, name).</summary>
    Task<Page<OrganizationalUnit>> ListOrganizationalUnitsForParentAsync(string parentId, string? nextToken, CancellationToken cancellationToken);

    /// <summary>ListAccountsForParent: one page of the accounts directly under the parent.</summary>
    Task<Page<OrganizationAccount>> ListAccountsForParentAsync(string parentId, string? nextToken, CancellationToken cancellationToken);

    /// <summary>ListTagsForResource: one page of an account's, OU's or root's tags.</summary>
    Task<Page<KeyValuePair<string, string>>> ListTagsForResourceAsync(string resourceId, string? nextToken, CancellationToken cancellationToken);

    /// <summary>DescribeAccount. <see cref="FailureKind.NotFound"/> (AccountNotFoundException) when the organization has no such account.</summary>
    Task<OrganizationAccount> DescribeAccountAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>ListParents: one page of the child's parents (an account or OU has exactly one).</summary>
    Task<Page<OrganizationParent>> ListParentsAsync(string childId, string? nextToken, CancellationToken cancellationToken);
}

/// <summary>An OU as ListOrganizationalUnitsForParent describes it.</summary>
public sealed record OrganizationalUnit(string Id, string Name);

/// <summary>An account as ListAccountsForParent and DescribeAccount describe it; State as Organizations spells it
/// (ACTIVE, SUSPENDED, PENDING_CLOSURE...), or null when not said.</summary>
public sealed record OrganizationAccount(string Id, string Name, string? State);

/// <summary>A parent as ListParents names it: a root or an OU.</summary>
public sealed record OrganizationParent(string Id, bool IsRoot);
