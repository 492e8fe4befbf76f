using System.Text.Json;
using KeyRotation.Simulation.Model;

namespace KeyRotation.Simulation.Files;

/// <summary>The whole document: reads every part, then checks what spans parts (unique ids, parents, cycles).</summary>
internal static class OrganizationReader
{
    private static readonly string[] Fields = ["managementAccountId", "organizationalUnits", "accounts"];

    public static SimulatedOrganization Read(JsonElement root, DateTimeOffset asOf)
    {
        var json = new JsonObjectReader(root, JsonPath.Root, Fields);
        var organization = new SimulatedOrganization();
        if (json.OptionalString("managementAccountId") is { } managementId)
        {
            Identifiers.CheckAccountId(managementId, json.PathOf("managementAccountId"));
            organization.ManagementAccountId = managementId;
        }

        var unitPaths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (item, path) in json.OptionalArray("organizationalUnits"))
        {
            var unit = OrganizationalUnitReader.Read(item, path);
            if (!unitPaths.TryAdd(unit.Id, path))
            {
                throw new SimulationFileException(
                    JsonPath.Property(path, "id"), $"duplicate organizational unit id {unit.Id} (first at {unitPaths[unit.Id]})");
            }

            organization.OrganizationalUnits.Add(unit);
        }

        if (!json.HasValue("accounts"))
        {
            throw new SimulationFileException(json.PathOf("accounts"), "required field 'accounts' is missing");
        }

        var accountPaths = new Dictionary<string, string>(StringComparer.Ordinal);
        var keyIdPaths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (item, path) in json.OptionalArray("accounts"))
        {
            var account = AccountReader.Read(item, path, asOf, keyIdPaths);
            if (!accountPaths.TryAdd(account.Id, path))
            {
                throw new SimulationFileException(
                    JsonPath.Property(path, "id"), $"duplicate account id {account.Id} (first at {accountPaths[account.Id]})");
            }

            organization.Accounts.Add(account);
        }

        HierarchyCheck.Check(organization, unitPaths, accountPaths);
        return organization;
    }
}
