using System.Text.Json;
using KeyRotation.Core.Facts;
using KeyRotation.Simulation.Model;

namespace KeyRotation.Simulation.Files;

internal static class AccountReader
{
    private static readonly string[] Fields = ["id", "name", "state", "parentId", "tags", "users"];

    public static SimulatedAccount Read(JsonElement element, string path, DateTimeOffset asOf, Dictionary<string, string> keyIdPaths)
    {
        var json = new JsonObjectReader(element, path, Fields);
        var id = json.RequiredString("id");
        Identifiers.CheckAccountId(id, json.PathOf("id"));
        var account = new SimulatedAccount
        {
            Id = id,
            Name = json.RequiredString("name"),
            State = ParseState(json.OptionalString("state"), json.PathOf("state")),
            ParentId = json.OptionalString("parentId") ?? Identifiers.RootId,
        };
        foreach (var (key, value) in json.OptionalStringMap("tags"))
        {
            account.Tags[key] = value;
        }

        // IAM user names are unique regardless of case.
        var userPaths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (item, itemPath) in json.OptionalArray("users"))
        {
            var user = UserReader.Read(item, itemPath, asOf, keyIdPaths);
            if (!userPaths.TryAdd(user.Name, itemPath))
            {
                throw new SimulationFileException(
                    JsonPath.Property(itemPath, "name"),
                    $"duplicate user name '{user.Name}' in account {id} (first at {userPaths[user.Name]})");
            }

            account.Users.Add(user);
        }

        return account;
    }

    /// <summary>Organizations' spelling of account states; absent means ACTIVE.</summary>
    public static AccountState ParseState(string? text, string path) => text switch
    {
        null or "ACTIVE" => AccountState.Active,
        "SUSPENDED" => AccountState.Suspended,
        "PENDING_CLOSURE" => AccountState.PendingClosure,
        "CLOSED" => AccountState.Closed,
        _ => throw new SimulationFileException(
            path, $"unknown state \"{text}\" (allowed: ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED)"),
    };

    public static string FormatState(AccountState state) => state switch
    {
        AccountState.Active => "ACTIVE",
        AccountState.Suspended => "SUSPENDED",
        AccountState.PendingClosure => "PENDING_CLOSURE",
        AccountState.Closed => "CLOSED",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown account state"),
    };
}
