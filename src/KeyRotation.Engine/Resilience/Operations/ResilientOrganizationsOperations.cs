using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Organizations;
using KeyRotation.Engine.Resilience.Pipelines;
using KeyRotation.Engine.Resilience.Retry;

namespace KeyRotation.Engine.Resilience.Operations;

/// <summary>
/// Every Organizations operation is a read: retried on throttling and transient errors, and paced by the
/// organization-wide token bucket, one token per request. No account breaker: Organizations trouble is the run's.
/// </summary>
internal sealed class ResilientOrganizationsOperations(IOrganizationsOperations inner, ResilientCalls calls) : IOrganizationsOperations
{
    public Task<Page<string>> ListRootsAsync(string? nextToken, CancellationToken cancellationToken) =>
        calls.RunAsync(OperationNames.Organizations, OperationNames.ListRoots, ct => inner.ListRootsAsync(nextToken, ct), cancellationToken);

    public Task<Page<OrganizationalUnit>> ListOrganizationalUnitsForParentAsync(string parentId, string? nextToken, CancellationToken cancellationToken) =>
        calls.RunAsync(OperationNames.Organizations, OperationNames.ListOrganizationalUnitsForParent,
            ct => inner.ListOrganizationalUnitsForParentAsync(parentId, nextToken, ct), cancellationToken);

    public Task<Page<OrganizationAccount>> ListAccountsForParentAsync(string parentId, string? nextToken, CancellationToken cancellationToken) =>
        calls.RunAsync(OperationNames.Organizations, OperationNames.ListAccountsForParent,
            ct => inner.ListAccountsForParentAsync(parentId, nextToken, ct), cancellationToken);

    public Task<Page<KeyValuePair<string, string>>> ListTagsForResourceAsync(string resourceId, string? nextToken, CancellationToken cancellationToken) =>
        calls.RunAsync(OperationNames.Organizations, OperationNames.ListTagsForResource,
            ct => inner.ListTagsForResourceAsync(resourceId, nextToken, ct), cancellationToken);

    public Task<OrganizationAccount> DescribeAccountAsync(string accountId, CancellationToken cancellationToken) =>
        calls.RunAsync(OperationNames.Organizations, OperationNames.DescribeAccount, ct => inner.DescribeAccountAsync(accountId, ct), cancellationToken);

    public Task<Page<OrganizationParent>> ListParentsAsync(string childId, string? nextToken, CancellationToken cancellationToken) =>
        calls.RunAsync(OperationNames.Organizations, OperationNames.ListParents, ct => inner.ListParentsAsync(childId, nextToken, ct), cancellationToken);
}
