using System.Collections.Concurrent;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Paging;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Organizations;

namespace KeyRotation.Engine.Organization;

/// <summary>
/// The organization as Organizations reports it: every account with its state, OU path (outermost first, with names
/// and tags) and tags, sorted by account id; and one account read afresh.
/// </summary>
/// <remarks>
/// The tree is walked top-down, breadth-first: ListRoots, then for each root and OU ListOrganizationalUnitsForParent
/// (whose entries carry the OU names) and ListAccountsForParent, so an account's path is the chain of OUs the walk
/// went through. Paths then cost listing calls per OU, not per account: asking each account for its parents
/// (ListParents up to the root, DescribeOrganizationalUnit per OU) cost about twice the requests. What remains per
/// account is its ListTagsForResource; per OU, one ListTagsForResource. In requests:
/// 1 + 2 × (1 + OUs) × pages + OUs + accounts. They are sent one after another because Organizations allows only
/// a few requests per second. One instance serves one run; OU tags are cached for its length (successful reads only),
/// so a walk started again after a failure does not read them again, while the tree and the accounts are always read
/// afresh. Each operation goes through the run's pipeline (Resilience/ResilientOrganizationsOperations), so a
/// throttled request is retried alone, not the walk. A fan-out host may share what it learnt of OUs between its
/// invocations (<see cref="Sharing"/>).
/// </remarks>
public sealed class OrganizationDirectory : IOrganizationDirectory
{
    private const string Service = "Organizations";

    private readonly IOrganizationsOperations operations;
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> unitTags;

    /// <summary>An OU's parent (never an account's), kept only when shared: see <see cref="OrganizationUnitCache"/>.</summary>
    private readonly ConcurrentDictionary<string, OrganizationParent>? unitParents;

    public OrganizationDirectory(IOrganizationsOperations operations)
        : this(operations, new ConcurrentDictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal), null)
    {
    }

    private OrganizationDirectory(
        IOrganizationsOperations operations,
        ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> unitTags,
        ConcurrentDictionary<string, OrganizationParent>? unitParents)
    {
        this.operations = operations ?? throw new ArgumentNullException(nameof(operations));
        this.unitTags = unitTags;
        this.unitParents = unitParents;
    }

    /// <summary>
    /// This directory over the same operations (and pipelines), keeping OU parents and run <paramref name="runId"/>'s
    /// OU tags in <paramref name="cache"/>, which outlives it: a Lambda execution environment re-reads each fan-out
    /// item's account (state, tags, its own parent) but each OU above it once.
    /// </summary>
    public OrganizationDirectory Sharing(OrganizationUnitCache cache, string runId)
    {
        ArgumentNullException.ThrowIfNull(cache);
        return new OrganizationDirectory(operations, cache.TagsOf(runId), cache.Parents);
    }

    /// <summary>The operations this directory reads through; the resilience layer wraps them.</summary>
    internal IOrganizationsOperations Operations => operations;

    public Task<IReadOnlyList<AccountFacts>> ListAccountsAsync(CancellationToken cancellationToken) =>
        ListAccountsAsync(static _ => true, cancellationToken);

    /// <summary>
    /// The walk; ListTagsForResource is sent only for accounts <paramref name="needsTags"/> accepts. Nothing is cached
    /// across runs (an instance serves one run), so a tag changed since the last run is always read afresh.
    /// </summary>
    public async Task<IReadOnlyList<AccountFacts>> ListAccountsAsync(Func<AccountFacts, bool> needsTags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(needsTags);
        var guard = new OrganizationTreeGuard();
        var parents = new Queue<(string Id, IReadOnlyList<OrganizationalUnitFacts> Path)>();
        var roots = await Pages.AllAsync(Service, OperationNames.ListRoots, operations.ListRootsAsync, cancellationToken).ConfigureAwait(false);
        if (roots.Count == 0)
        {
            // Every organization has a root; none listed would silently read as an organization without accounts.
            throw new ServiceException(Service, OperationNames.ListRoots, "NoRoot", FailureKind.Final, detail: "the organization listed no root");
        }

        foreach (var root in roots)
        {
            guard.EnterRoot(root);
            parents.Enqueue((root, []));
        }

        var facts = new List<AccountFacts>();
        while (parents.TryDequeue(out var parent))
        {
            var units = await Pages.AllAsync(Service, OperationNames.ListOrganizationalUnitsForParent,
                (marker, ct) => operations.ListOrganizationalUnitsForParentAsync(parent.Id, marker, ct), cancellationToken).ConfigureAwait(false);
            foreach (var unit in units)
            {
                guard.EnterUnit(unit.Id, parent.Id, parent.Path.Count + 1);
                var tags = await UnitTagsAsync(unit.Id, cancellationToken).ConfigureAwait(false);
                parents.Enqueue((unit.Id, [.. parent.Path, new OrganizationalUnitFacts(unit.Id, unit.Name, tags)]));
            }

            var accounts = await Pages.AllAsync(Service, OperationNames.ListAccountsForParent,
                (marker, ct) => operations.ListAccountsForParentAsync(parent.Id, marker, ct), cancellationToken).ConfigureAwait(false);
            foreach (var account in accounts)
            {
                guard.EnterAccount(account.Id, parent.Id);
                var untagged = new AccountFacts(account.Id, account.Name, AccountStates.Parse(account.State), parent.Path,
                    new Dictionary<string, string>(StringComparer.Ordinal));
                facts.Add(needsTags(untagged)
                    ? untagged with { Tags = await TagsAsync(account.Id, cancellationToken).ConfigureAwait(false) }
                    : untagged);
            }
        }

        return [.. facts.OrderBy(a => a.AccountId, StringComparer.Ordinal)];
    }

    /// <summary>
    /// One account read afresh, bottom-up: DescribeAccount (name, state), its ListTagsForResource, then ListParents
    /// from the account up to the root with one ListTagsForResource per OU on the way (cached like the walk's). For
    /// an account d OUs deep that is 2d + 3 requests; with a shared <see cref="OrganizationUnitCache"/> that already
    /// knows its OUs, 3 (the account's state, tags and parent are always read). No DescribeOrganizationalUnit, since
    /// no decision reads an OU's name (the OU's id stands in for it).
    /// </summary>
    public async Task<AccountFacts?> DescribeAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        OrganizationAccount account;
        try
        {
            account = await operations.DescribeAccountAsync(accountId, cancellationToken).ConfigureAwait(false);
        }
        catch (ServiceException e) when (e.Kind == FailureKind.NotFound)
        {
            return null;
        }

        var tags = await TagsAsync(account.Id, cancellationToken).ConfigureAwait(false);
        var path = new List<OrganizationalUnitFacts>();
        var child = account.Id;
        while (true)
        {
            var parent = await ParentAsync(child, isUnit: path.Count > 0, cancellationToken).ConfigureAwait(false);
            if (parent.IsRoot)
            {
                break;
            }

            if (path.Count == OrganizationTreeGuard.MaxDepth)
            {
                throw new ServiceException(Service, OperationNames.ListParents, "NestingTooDeep", FailureKind.Final,
                    detail: $"account {account.Id} sits more than {OrganizationTreeGuard.MaxDepth} OUs deep; the OU tree loops");
            }

            var unitId = parent.Id;
            path.Add(new OrganizationalUnitFacts(unitId, unitId, await UnitTagsAsync(unitId, cancellationToken).ConfigureAwait(false)));
            child = unitId;
        }

        path.Reverse();
        return new AccountFacts(account.Id, account.Name, AccountStates.Parse(account.State), path, tags);
    }

    /// <summary>The one parent of an account or OU; an OU's is kept when this directory shares a cache.</summary>
    private async Task<OrganizationParent> ParentAsync(string childId, bool isUnit, CancellationToken cancellationToken)
    {
        if (isUnit && unitParents is not null && unitParents.TryGetValue(childId, out var known)) return known;
        var parents = await Pages.AllAsync(Service, OperationNames.ListParents,
            (marker, ct) => operations.ListParentsAsync(childId, marker, ct), cancellationToken).ConfigureAwait(false);
        if (parents.Count != 1)
        {
            throw new ServiceException(Service, OperationNames.ListParents, "NotOneParent", FailureKind.Final,
                detail: $"{childId} has {parents.Count} parents; an account or OU has exactly one");
        }

        if (isUnit) unitParents?.TryAdd(childId, parents[0]);
        return parents[0];
    }

    private async Task<IReadOnlyDictionary<string, string>> UnitTagsAsync(string unitId, CancellationToken cancellationToken)
    {
        if (unitTags.TryGetValue(unitId, out var known)) return known;
        var tags = await TagsAsync(unitId, cancellationToken).ConfigureAwait(false);
        return unitTags.GetOrAdd(unitId, tags);
    }

    /// <summary>Tags of an account, OU or root, every page; a key repeated on a later page keeps its last value.</summary>
    private async Task<IReadOnlyDictionary<string, string>> TagsAsync(string resourceId, CancellationToken cancellationToken)
    {
        var pages = await Pages.AllAsync(Service, OperationNames.ListTagsForResource,
            (marker, ct) => operations.ListTagsForResourceAsync(resourceId, marker, ct), cancellationToken).ConfigureAwait(false);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in pages) tags[key] = value;
        return tags;
    }
}
