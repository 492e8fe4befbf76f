using System.Text.Json;
using KeyRotation.Simulation.Model;

namespace KeyRotation.Simulation.Files;

internal static class UserReader
{
    /// <summary>IAM refuses a third access key for a user; a file must not describe one.</summary>
    public const int MaxAccessKeys = 2;

    private static readonly string[] Fields = ["name", "path", "tags", "accessKeys", "secretNameTakenBy"];

    public static SimulatedUser Read(JsonElement element, string path, DateTimeOffset asOf, Dictionary<string, string> keyIdPaths)
    {
        var json = new JsonObjectReader(element, path, Fields);
        var name = json.RequiredString("name");
        Identifiers.CheckUserName(name, json.PathOf("name"));
        var userPath = json.OptionalString("path") ?? "/";
        Identifiers.CheckUserPath(userPath, json.PathOf("path"));
        var takenBy = json.OptionalString("secretNameTakenBy");
        if (takenBy is { Length: 0 }) throw new SimulationFileException(json.PathOf("secretNameTakenBy"), "must name who created the secret, or be left out");
        var user = new SimulatedUser { Name = name, Path = userPath, SecretNameTakenBy = takenBy };
        foreach (var (key, value) in json.OptionalStringMap("tags"))
        {
            user.Tags[key] = value;
        }

        foreach (var (item, itemPath) in json.OptionalArray("accessKeys"))
        {
            var key = AccessKeyReader.Read(item, itemPath, asOf);
            if (!keyIdPaths.TryAdd(key.Id, itemPath))
            {
                throw new SimulationFileException(
                    JsonPath.Property(itemPath, "id"), $"duplicate access key id {key.Id} (first at {keyIdPaths[key.Id]})");
            }

            user.AccessKeys.Add(key);
        }

        if (user.AccessKeys.Count > MaxAccessKeys)
        {
            throw new SimulationFileException(
                json.PathOf("accessKeys"),
                $"user '{name}' has {user.AccessKeys.Count} access keys; IAM allows at most {MaxAccessKeys}");
        }

        return user;
    }
}
