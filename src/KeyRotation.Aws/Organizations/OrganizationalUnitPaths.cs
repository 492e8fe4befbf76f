using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Organizations;

/// <summary>
/// The OU path above each account, outermost first, with OU names and tags. Each OU is looked up once per run
/// (ListParents, DescribeOrganizationalUnit, ListTagsForResource); only successful lookups are cached, so a retried
/// listing resumes where the failed one stopped.
/// </summary>
internal sealed class OrganizationalUnitPaths(OrganizationsClient client)
{
    /// <summary>Organizations nests OUs at most five deep; more means a loop in what the service returned.</summary>
    private const int MaxDepth = 10;

    private readonly Dictionary<string, IReadOnlyList<OrganizationalUnitFacts>> pathToOu = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public async Task<IReadOnlyList<OrganizationalUnitFacts>> OfAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        var parent = await client.GetParentAsync(accountId, cancellationToken).ConfigureAwait(false);
        return parent.IsRoot ? [] : await PathEndingAtAsync(parent.Id, 0, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<OrganizationalUnitFacts>> PathEndingAtAsync(string ouId, int depth, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (pathToOu.TryGetValue(ouId, out var known)) return known;
        }

        if (depth >= MaxDepth)
        {
            throw new ServiceException("Organizations", "ListParents", "ParentLoop", FailureKind.Final,
                detail: $"OU nesting above {ouId} is deeper than {MaxDepth}; the parent chain loops");
        }

        var name = await client.DescribeOrganizationalUnitNameAsync(ouId, cancellationToken).ConfigureAwait(false);
        var tags = await client.ListTagsAsync(ouId, cancellationToken).ConfigureAwait(false);
        var parent = await client.GetParentAsync(ouId, cancellationToken).ConfigureAwait(false);
        var above = parent.IsRoot ? [] : await PathEndingAtAsync(parent.Id, depth + 1, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<OrganizationalUnitFacts> path = [.. above, new OrganizationalUnitFacts(ouId, name, tags)];
        lock (gate)
        {
            pathToOu[ouId] = path;
        }

        return path;
    }
}
