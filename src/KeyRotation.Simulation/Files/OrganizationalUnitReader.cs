using System.Text.Json;
using KeyRotation.Simulation.Model;

namespace KeyRotation.Simulation.Files;

internal static class OrganizationalUnitReader
{
    private static readonly string[] Fields = ["id", "name", "parentId", "tags"];

    public static SimulatedOrganizationalUnit Read(JsonElement element, string path)
    {
        var json = new JsonObjectReader(element, path, Fields);
        var id = json.RequiredString("id");
        Identifiers.CheckOrganizationalUnitId(id, json.PathOf("id"));
        var unit = new SimulatedOrganizationalUnit
        {
            Id = id,
            Name = json.RequiredString("name"),
            ParentId = json.OptionalString("parentId") ?? Identifiers.RootId,
        };
        foreach (var (key, value) in json.OptionalStringMap("tags"))
        {
            unit.Tags[key] = value;
        }

        return unit;
    }
}
