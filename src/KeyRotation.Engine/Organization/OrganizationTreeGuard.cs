using KeyRotation.Engine.Ports;

namespace KeyRotation.Engine.Organization;

/// <summary>
/// Checks, during one walk, that what Organizations listed is a tree: no root or OU listed twice (a loop, or an OU
/// under two parents), no nesting deeper than <see cref="MaxDepth"/>, no account under two parents. Any of these
/// means the answers are inconsistent, so the walk stops with a final error instead of looping or guessing a path.
/// </summary>
internal sealed class OrganizationTreeGuard
{
    /// <summary>Organizations nests OUs at most five deep; more means a loop in what the service returned.</summary>
    public const int MaxDepth = 10;

    private const string Service = "Organizations";

    private readonly Dictionary<string, string?> parentOfUnit = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> parentOfAccount = new(StringComparer.Ordinal);

    public void EnterRoot(string rootId)
    {
        if (!parentOfUnit.TryAdd(rootId, null))
        {
            throw new ServiceException(Service, OperationNames.ListRoots, "ParentLoop", FailureKind.Final,
                detail: $"root {rootId} was listed twice");
        }
    }

    /// <param name="depth">How many OUs deep the unit sits; an OU directly below the root is 1.</param>
    public void EnterUnit(string unitId, string parentId, int depth)
    {
        if (!parentOfUnit.TryAdd(unitId, parentId))
        {
            var first = parentOfUnit[unitId] is { } earlier ? $"below {earlier}" : "as a root";
            throw new ServiceException(Service, OperationNames.ListOrganizationalUnitsForParent, "ParentLoop", FailureKind.Final,
                detail: $"{unitId} was listed {first} and again below {parentId}; the OU tree loops");
        }

        if (depth > MaxDepth)
        {
            throw new ServiceException(Service, OperationNames.ListOrganizationalUnitsForParent, "NestingTooDeep", FailureKind.Final,
                detail: $"OU {unitId} below {parentId} is nested {depth} deep, more than {MaxDepth}; the OU tree loops");
        }
    }

    public void EnterAccount(string accountId, string parentId)
    {
        if (!parentOfAccount.TryAdd(accountId, parentId))
        {
            throw new ServiceException(Service, OperationNames.ListAccountsForParent, "AccountUnderTwoParents", FailureKind.Final,
                detail: $"account {accountId} was listed below {parentOfAccount[accountId]} and again below {parentId}");
        }
    }
}
