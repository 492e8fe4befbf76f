using KeyRotation.Simulation.Model;

namespace KeyRotation.Simulation.Files;

/// <summary>Every parentId must name the root or a listed OU, and following parents must reach the root.</summary>
internal static class HierarchyCheck
{
    public static void Check(
        SimulatedOrganization organization,
        IReadOnlyDictionary<string, string> unitPaths,
        IReadOnlyDictionary<string, string> accountPaths)
    {
        var units = organization.OrganizationalUnits.ToDictionary(u => u.Id, StringComparer.Ordinal);
        foreach (var unit in organization.OrganizationalUnits)
        {
            CheckParent(unit.ParentId, unitPaths[unit.Id], units);
        }

        foreach (var unit in organization.OrganizationalUnits)
        {
            CheckNoCycle(unit, units, unitPaths);
        }

        foreach (var account in organization.Accounts)
        {
            CheckParent(account.ParentId, accountPaths[account.Id], units);
        }
    }

    private static void CheckParent(
        string parentId, string ownerPath, Dictionary<string, SimulatedOrganizationalUnit> units)
    {
        if (parentId != Identifiers.RootId && !units.ContainsKey(parentId))
        {
            throw new SimulationFileException(
                JsonPath.Property(ownerPath, "parentId"),
                $"parentId \"{parentId}\" is neither {Identifiers.RootId} nor the id of a listed organizational unit");
        }
    }

    private static void CheckNoCycle(
        SimulatedOrganizationalUnit start,
        Dictionary<string, SimulatedOrganizationalUnit> units,
        IReadOnlyDictionary<string, string> unitPaths)
    {
        var chain = new List<string> { start.Id };
        var current = start;
        while (current.ParentId != Identifiers.RootId)
        {
            current = units[current.ParentId];
            chain.Add(current.Id);
            if (current.Id == start.Id)
            {
                throw new SimulationFileException(
                    JsonPath.Property(unitPaths[start.Id], "parentId"),
                    $"organizational units form a cycle: {string.Join(" -> ", chain)}");
            }

            if (chain.Count > units.Count + 1)
            {
                // A cycle above this OU that does not include it; it is reported when its own members are checked.
                return;
            }
        }
    }
}
