using System.Globalization;
using KeyRotation.Engine.Organization;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Organizations;
using KeyRotation.Simulation.Model;

namespace KeyRotation.Simulation.Ports;

/// <summary>
/// Organizations over the in-memory organization, one operation per call: listings in pages of
/// <see cref="PageSize"/> (the AWS client's MaxResults) whose marker is the offset of the next page. Each call passes
/// the gate once under its own operation name, so the cost model charges every request of the engine's walk and
/// fault rules can name each operation. One root, <see cref="RootId"/>.
/// </summary>
internal sealed class SimulatedOrganizationsOperations(SimulatedOrganization organization, SimulationGate gate, Lock sync)
    : IOrganizationsOperations
{
    public const string RootId = "r-root";

    /// <summary>As KeyRotation.Aws's OrganizationsClient asks for.</summary>
    public const int PageSize = 20;

    public async Task<Page<string>> ListRootsAsync(string? nextToken, CancellationToken cancellationToken)
    {
        await PassAsync(OperationNames.ListRoots, cancellationToken);
        return PageOf([RootId], nextToken);
    }

    public async Task<Page<OrganizationalUnit>> ListOrganizationalUnitsForParentAsync(
        string parentId, string? nextToken, CancellationToken cancellationToken)
    {
        await PassAsync(OperationNames.ListOrganizationalUnitsForParent, cancellationToken);
        lock (sync)
        {
            EnsureParent(parentId, OperationNames.ListOrganizationalUnitsForParent);
            return PageOf(
                [.. organization.OrganizationalUnits.Where(u => u.ParentId == parentId).Select(u => new OrganizationalUnit(u.Id, u.Name))],
                nextToken);
        }
    }

    public async Task<Page<OrganizationAccount>> ListAccountsForParentAsync(
        string parentId, string? nextToken, CancellationToken cancellationToken)
    {
        await PassAsync(OperationNames.ListAccountsForParent, cancellationToken);
        lock (sync)
        {
            EnsureParent(parentId, OperationNames.ListAccountsForParent);
            return PageOf([.. organization.Accounts.Where(a => a.ParentId == parentId).Select(Describe)], nextToken);
        }
    }

    /// <summary>Every tag in one page: the AWS client sends no MaxResults for tags either.</summary>
    public async Task<Page<KeyValuePair<string, string>>> ListTagsForResourceAsync(
        string resourceId, string? nextToken, CancellationToken cancellationToken)
    {
        await PassAsync(OperationNames.ListTagsForResource, cancellationToken);
        lock (sync)
        {
            var tags = resourceId == RootId
                ? []
                : organization.Accounts.FirstOrDefault(a => a.Id == resourceId)?.Tags
                    ?? organization.OrganizationalUnits.FirstOrDefault(u => u.Id == resourceId)?.Tags
                    ?? throw NotFound(OperationNames.ListTagsForResource, "TargetNotFoundException", resourceId);
            return new Page<KeyValuePair<string, string>>([.. tags], null);
        }
    }

    public async Task<OrganizationAccount> DescribeAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        await PassAsync(OperationNames.DescribeAccount, cancellationToken);
        lock (sync)
        {
            return organization.Accounts.FirstOrDefault(a => a.Id == accountId) is { } account
                ? Describe(account)
                : throw NotFound(OperationNames.DescribeAccount, "AccountNotFoundException", accountId);
        }
    }

    public async Task<Page<OrganizationParent>> ListParentsAsync(string childId, string? nextToken, CancellationToken cancellationToken)
    {
        await PassAsync(OperationNames.ListParents, cancellationToken);
        lock (sync)
        {
            var parentId = organization.Accounts.FirstOrDefault(a => a.Id == childId)?.ParentId
                ?? organization.OrganizationalUnits.FirstOrDefault(u => u.Id == childId)?.ParentId
                ?? throw NotFound(OperationNames.ListParents, "ChildNotFoundException", childId);
            return PageOf([new OrganizationParent(parentId, parentId == RootId)], nextToken);
        }
    }

    private ValueTask PassAsync(string operation, CancellationToken cancellationToken) =>
        gate.PassAsync(OperationNames.Organizations, operation, organization.ManagementAccountId, cancellationToken);

    private void EnsureParent(string parentId, string operation)
    {
        if (parentId != RootId && organization.OrganizationalUnits.All(u => u.Id != parentId))
        {
            throw NotFound(operation, "ParentNotFoundException", parentId);
        }
    }

    private static OrganizationAccount Describe(SimulatedAccount account) =>
        new(account.Id, account.Name, AccountStates.Format(account.State));

    private static Page<T> PageOf<T>(IReadOnlyList<T> items, string? nextToken)
    {
        var start = nextToken is null ? 0 : int.Parse(nextToken, CultureInfo.InvariantCulture);
        var end = Math.Min(items.Count, start + PageSize);
        return new Page<T>([.. items.Skip(start).Take(PageSize)], end < items.Count ? end.ToString(CultureInfo.InvariantCulture) : null);
    }

    private static ServiceException NotFound(string operation, string code, string id) =>
        new(OperationNames.Organizations, operation, code, FailureKind.NotFound, 400, detail: $"{id} is not in the organization");
}
