using System.Text.Json;
using KeyRotation.Core.Facts;
using KeyRotation.Simulation.Model;

namespace KeyRotation.Simulation.Files;

/// <summary>One access key: absolute or relative dates, each pair mutually exclusive, resolved against the evaluation instant.</summary>
internal static class AccessKeyReader
{
    private static readonly string[] Fields =
        ["id", "status", "created", "ageDays", "lastUsed", "lastUsedDaysAgo", "deactivated", "deactivatedDaysAgo"];

    public static SimulatedAccessKey Read(JsonElement element, string path, DateTimeOffset asOf)
    {
        var json = new JsonObjectReader(element, path, Fields);
        var id = json.RequiredString("id");
        Identifiers.CheckAccessKeyId(id, json.PathOf("id"));
        var status = ReadStatus(json);

        var created = Resolve(json, "created", "ageDays", asOf)
            ?? throw new SimulationFileException(json.PathOf("created"), $"key {id} needs 'created' or 'ageDays'");
        var lastUsed = Resolve(json, "lastUsed", "lastUsedDaysAgo", asOf);
        var deactivated = Resolve(json, "deactivated", "deactivatedDaysAgo", asOf);

        if (lastUsed < created)
        {
            throw new SimulationFileException(
                PathOfPresent(json, "lastUsed", "lastUsedDaysAgo"), $"key {id} was last used before it was created");
        }

        if (deactivated is not null)
        {
            var deactivatedPath = PathOfPresent(json, "deactivated", "deactivatedDaysAgo");
            if (status != AccessKeyStatus.Inactive)
            {
                throw new SimulationFileException(deactivatedPath, $"key {id} is Active, so it cannot have been deactivated");
            }

            if (deactivated < created)
            {
                throw new SimulationFileException(deactivatedPath, $"key {id} was deactivated before it was created");
            }
        }

        return new SimulatedAccessKey
        {
            Id = id,
            Status = status,
            CreatedAt = created,
            LastUsedAt = lastUsed,
            DeactivatedByToolAt = deactivated,
        };
    }

    private static AccessKeyStatus ReadStatus(JsonObjectReader json) => json.RequiredString("status") switch
    {
        "Active" => AccessKeyStatus.Active,
        "Inactive" => AccessKeyStatus.Inactive,
        var other => throw new SimulationFileException(
            json.PathOf("status"), $"unknown status \"{other}\" (allowed: Active, Inactive)"),
    };

    private static DateTimeOffset? Resolve(JsonObjectReader json, string absolute, string relativeDays, DateTimeOffset asOf)
    {
        if (json.HasValue(absolute) && json.HasValue(relativeDays))
        {
            throw new SimulationFileException(
                json.PathOf(relativeDays), $"give either '{absolute}' or '{relativeDays}', not both");
        }

        var days = json.OptionalDays(relativeDays);
        return days is { } d ? asOf.AddDays(-d) : json.OptionalInstant(absolute);
    }

    private static string PathOfPresent(JsonObjectReader json, string absolute, string relativeDays) =>
        json.PathOf(json.HasValue(absolute) ? absolute : relativeDays);
}
