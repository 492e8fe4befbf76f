using System.Text.Json;

namespace KeyRotation.Aws.Tests.Models;

/// <summary>
/// Checks one request against the model: the operation exists, every member exists in the input shape (recursively),
/// required members are present, and enum values, lengths and ranges hold. Handles both wire forms we send:
/// awsQuery form fields (<c>A.member.1.B</c>, <c>M.entry.1.Name</c>) and awsJson bodies.
/// </summary>
internal static class RequestValidator
{
    public static IReadOnlyList<string> ValidateQuery(ServiceModel model, IReadOnlyList<KeyValuePair<string, string>> form)
    {
        var problems = new List<string>();
        var fields = form.ToLookup(f => f.Key, f => f.Value);
        var action = fields["Action"].SingleOrDefault();
        if (action is null) return ["no Action field"];
        if (fields["Version"].SingleOrDefault() != model.ApiVersion) problems.Add($"Version is not {model.ApiVersion}");
        if (!model.HasOperation(action)) return [$"{model.Service} has no operation {action}"];

        var tree = new Node();
        foreach (var (key, value) in form.Where(f => f.Key is not ("Action" or "Version")))
        {
            var node = tree;
            foreach (var segment in key.Split('.')) node = node.Child(segment);
            if (node.Value is not null) problems.Add($"{key}: given twice");
            node.Value = value;
        }

        var input = model.InputShape(action);
        if (input is null)
        {
            if (tree.Children.Count > 0) problems.Add($"{action} takes no input");
            return problems;
        }

        problems.AddRange(QueryNode(model, input, tree, action));
        return problems;
    }

    public static IReadOnlyList<string> ValidateJson(ServiceModel model, string operation, JsonElement body)
    {
        if (!model.HasOperation(operation)) return [$"{model.Service} has no operation {operation}"];
        var input = model.InputShape(operation);
        if (input is null) return body.EnumerateObject().Any() ? [$"{operation} takes no input"] : [];
        return [.. JsonNode(model, input, body, operation)];
    }

    private static IEnumerable<string> QueryNode(ServiceModel model, string shapeName, Node node, string path)
    {
        var shape = model.Shape(shapeName);
        var type = shape.GetProperty("type").GetString();
        if (type is not ("structure" or "list" or "map"))
        {
            if (node.Value is null || node.Children.Count > 0) return [$"{path}: expected a single value"];
            return model.CheckScalar(path, shapeName, node.Value);
        }

        if (node.Value is not null) return [$"{path}: a value was given for a {type}"];
        var problems = new List<string>();
        switch (type)
        {
            case "structure":
                var members = shape.GetProperty("members").EnumerateObject()
                    .ToDictionary(m => m.Value.TryGetProperty("locationName", out var l) ? l.GetString()! : m.Name, m => m.Value);
                foreach (var (name, child) in node.Children)
                {
                    if (!members.TryGetValue(name, out var member)) problems.Add($"{path}.{name}: no such member in {shapeName}");
                    else problems.AddRange(QueryNode(model, member.GetProperty("shape").GetString()!, child, $"{path}.{name}"));
                }

                problems.AddRange(MissingRequired(shape, node.Children.Keys, path));
                break;
            case "list":
                var itemShape = shape.GetProperty("member").GetProperty("shape").GetString()!;
                var flattened = shape.TryGetProperty("flattened", out var f) && f.GetBoolean();
                var items = flattened ? node : node.Children.GetValueOrDefault("member") ?? new Node();
                if (!flattened && node.Children.Keys.Any(k => k != "member")) problems.Add($"{path}: list items must be under 'member'");
                problems.AddRange(Indexed(items, path, (child, p) => QueryNode(model, itemShape, child, p)));
                break;
            case "map":
                var keyMember = shape.GetProperty("key");
                var valueMember = shape.GetProperty("value");
                var keyName = keyMember.TryGetProperty("locationName", out var kl) ? kl.GetString()! : "key";
                var valueName = valueMember.TryGetProperty("locationName", out var vl) ? vl.GetString()! : "value";
                if (node.Children.Keys.Any(k => k != "entry")) problems.Add($"{path}: map entries must be under 'entry'");
                problems.AddRange(Indexed(node.Children.GetValueOrDefault("entry") ?? new Node(), path, (entry, p) =>
                {
                    var found = new List<string>();
                    if (entry.Children.Keys.Except([keyName, valueName]).FirstOrDefault() is { } odd) found.Add($"{p}.{odd}: not '{keyName}' or '{valueName}'");
                    if (!entry.Children.TryGetValue(keyName, out var k)) found.Add($"{p}: no {keyName}");
                    else found.AddRange(QueryNode(model, keyMember.GetProperty("shape").GetString()!, k, $"{p}.{keyName}"));
                    if (!entry.Children.TryGetValue(valueName, out var v)) found.Add($"{p}: no {valueName}");
                    else found.AddRange(QueryNode(model, valueMember.GetProperty("shape").GetString()!, v, $"{p}.{valueName}"));
                    return found;
                }));
                break;
        }

        return problems;
    }

    private static IEnumerable<string> Indexed(Node items, string path, Func<Node, string, IEnumerable<string>> check)
    {
        var indexes = new List<int>();
        foreach (var (key, child) in items.Children)
        {
            if (!int.TryParse(key, out var index) || index < 1)
            {
                yield return $"{path}.{key}: not a 1-based index";
                continue;
            }

            indexes.Add(index);
            foreach (var problem in check(child, $"{path}.{key}")) yield return problem;
        }

        indexes.Sort();
        if (!indexes.SequenceEqual(Enumerable.Range(1, indexes.Count))) yield return $"{path}: indexes are not 1..{indexes.Count}";
    }

    private static IEnumerable<string> JsonNode(ServiceModel model, string shapeName, JsonElement value, string path)
    {
        var shape = model.Shape(shapeName);
        var type = shape.GetProperty("type").GetString();
        switch (type)
        {
            case "structure":
                if (value.ValueKind != JsonValueKind.Object) return [$"{path}: expected an object"];
                var members = shape.GetProperty("members");
                var problems = new List<string>();
                foreach (var property in value.EnumerateObject())
                {
                    if (!members.TryGetProperty(property.Name, out var member)) problems.Add($"{path}.{property.Name}: no such member in {shapeName}");
                    else problems.AddRange(JsonNode(model, member.GetProperty("shape").GetString()!, property.Value, $"{path}.{property.Name}"));
                }

                problems.AddRange(MissingRequired(shape, value.EnumerateObject().Select(p => p.Name), path));
                return problems;
            case "list":
                if (value.ValueKind != JsonValueKind.Array) return [$"{path}: expected an array"];
                var item = shape.GetProperty("member").GetProperty("shape").GetString()!;
                return value.EnumerateArray().SelectMany((e, i) => JsonNode(model, item, e, $"{path}[{i}]")).ToList();
            case "map":
                if (value.ValueKind != JsonValueKind.Object) return [$"{path}: expected an object"];
                var valueShape = shape.GetProperty("value").GetProperty("shape").GetString()!;
                return value.EnumerateObject().SelectMany(p => JsonNode(model, valueShape, p.Value, $"{path}.{p.Name}")).ToList();
            case "boolean":
                return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? [] : [$"{path}: expected a boolean"];
            case "integer" or "long":
                return value.ValueKind == JsonValueKind.Number ? model.CheckScalar(path, shapeName, value.GetRawText()) : [$"{path}: expected a number"];
            default:
                return value.ValueKind == JsonValueKind.String ? model.CheckScalar(path, shapeName, value.GetString()!) : [$"{path}: expected a string"];
        }
    }

    private static IEnumerable<string> MissingRequired(JsonElement shape, IEnumerable<string> present, string path)
    {
        if (!shape.TryGetProperty("required", out var required)) return [];
        var given = present.ToHashSet();
        return required.EnumerateArray().Select(r => r.GetString()!).Where(r => !given.Contains(r)).Select(r => $"{path}: required member {r} missing");
    }

    private sealed class Node
    {
        public Dictionary<string, Node> Children { get; } = new(StringComparer.Ordinal);

        public string? Value { get; set; }

        public Node Child(string name)
        {
            if (!Children.TryGetValue(name, out var child)) Children[name] = child = new Node();
            return child;
        }
    }
}
