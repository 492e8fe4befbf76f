using System.Text.Json;
using KeyRotation.Core.Text;

namespace KeyRotation.Simulation.Files;

/// <summary>
/// Reads one JSON object strictly: only the named fields are allowed, none may repeat, and every accessor
/// reports the path of the value it rejects. Hand-written files get precise errors instead of silent defaults.
/// </summary>
internal sealed class JsonObjectReader
{
    private readonly Dictionary<string, JsonElement> fields = new(StringComparer.Ordinal);

    public JsonObjectReader(JsonElement element, string path, params string[] allowedFields)
    {
        Path = path;
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new SimulationFileException(path, $"expected an object, found {Describe(element)}");
        }

        foreach (var property in element.EnumerateObject())
        {
            var propertyPath = JsonPath.Property(path, property.Name);
            if (!allowedFields.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new SimulationFileException(
                    propertyPath, $"unknown field '{property.Name}' (allowed: {string.Join(", ", allowedFields)})");
            }

            if (!fields.TryAdd(property.Name, property.Value))
            {
                throw new SimulationFileException(propertyPath, $"field '{property.Name}' appears more than once");
            }
        }
    }

    public string Path { get; }

    public string PathOf(string name) => JsonPath.Property(Path, name);

    /// <summary>True when the field is present with a non-null value.</summary>
    public bool HasValue(string name) => fields.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public string RequiredString(string name) =>
        OptionalString(name) ?? throw new SimulationFileException(PathOf(name), $"required field '{name}' is missing");

    public string? OptionalString(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new SimulationFileException(PathOf(name), $"'{name}' must be a string, found {Describe(value)}");
        }

        return value.GetString()!;
    }

    /// <summary>A whole number of days, 0 or more; null when absent or null.</summary>
    public int? OptionalDays(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var days))
        {
            throw new SimulationFileException(PathOf(name), $"'{name}' must be a whole number of days, found {Describe(value)}");
        }

        if (days < 0)
        {
            throw new SimulationFileException(PathOf(name), $"'{name}' must be 0 or more (got {days})");
        }

        return days;
    }

    public DateTimeOffset? OptionalInstant(string name)
    {
        var text = OptionalString(name);
        if (text is null)
        {
            return null;
        }

        return InstantText.TryParse(text, out var instant)
            ? instant
            : throw new SimulationFileException(
                PathOf(name), $"'{name}' is not an ISO 8601 instant with a time zone, e.g. 2026-05-01T00:00:00Z (got \"{text}\")");
    }

    /// <summary>The items of an array field with their paths; empty when absent or null.</summary>
    public IEnumerable<(JsonElement Item, string Path)> OptionalArray(string name)
    {
        if (!TryGet(name, out var value))
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new SimulationFileException(PathOf(name), $"'{name}' must be an array, found {Describe(value)}");
        }

        var path = PathOf(name);
        return value.EnumerateArray().Select((item, i) => (item, JsonPath.Index(path, i))).ToList();
    }

    /// <summary>A string-to-string map such as tags; empty when absent or null.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> OptionalStringMap(string name)
    {
        if (!TryGet(name, out var value))
        {
            return [];
        }

        var path = PathOf(name);
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new SimulationFileException(path, $"'{name}' must be an object of strings, found {Describe(value)}");
        }

        var result = new List<KeyValuePair<string, string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            var entryPath = JsonPath.Property(path, property.Name);
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                throw new SimulationFileException(
                    entryPath, $"tag '{property.Name}' must have a string value, found {Describe(property.Value)}");
            }

            if (!seen.Add(property.Name))
            {
                throw new SimulationFileException(entryPath, $"tag '{property.Name}' appears more than once");
            }

            result.Add(new(property.Name, property.Value.GetString()!));
        }

        return result;
    }

    private bool TryGet(string name, out JsonElement value) =>
        fields.TryGetValue(name, out value) && value.ValueKind != JsonValueKind.Null;

    internal static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{element.GetString()}\"",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => "null",
    };
}
