using System.Text.Json;
using System.Text.Json.Nodes;
using KeyRotation.Lambda.Tests.Templates;

namespace KeyRotation.Lambda.Tests.FanOut;

/// <summary>
/// Drives a function the way the central template's state machine does, read from the template itself: the
/// ListTargets payload and result selector, the map's items path and item selector, the RotateAccount result
/// selector, the map's result path, the Summarize payload. So what summarize receives is exactly what the deployed
/// state machine would hand it, fields dropped by a selector included. Items run one after another; a failed
/// invocation fails the drive (the catch-all RecordFailure state is not modelled).
/// </summary>
internal sealed class StateMachineDriver(Func<string, Task<JsonNode>> invoke)
{
    private static readonly JsonObject Definition = StateMachineDefinition.Parse();

    /// <summary>The rotate-account payloads sent, in order.</summary>
    public List<JsonNode> Items { get; } = [];

    public async Task<JsonNode> RunAsync(string executionName)
    {
        var states = Definition["States"]!.AsObject();
        var context = new JsonObject { ["Execution"] = new JsonObject { ["Name"] = executionName } };

        var list = states["ListTargets"]!.AsObject();
        var listed = await TaskAsync(list, new JsonObject(), context);

        var map = states["RotateAccounts"]!.AsObject();
        var processor = map["ItemProcessor"]!["States"]!.AsObject();
        var rotate = processor[(string)map["ItemProcessor"]!["StartAt"]!]!.AsObject();
        var results = new JsonArray();
        foreach (var item in Read(listed, (string)map["ItemsPath"]!)!.AsArray())
        {
            var itemContext = new JsonObject
            {
                ["Execution"] = context["Execution"]!.DeepClone(),
                ["Map"] = new JsonObject { ["Item"] = new JsonObject { ["Value"] = item!.DeepClone() } },
            };
            var payload = Resolve(map["ItemSelector"]!, listed, itemContext);
            Items.Add(payload);
            results.Add(await TaskAsync(rotate, payload, itemContext));
        }

        Write(listed, (string)map["ResultPath"]!, results);
        return await TaskAsync(states["Summarize"]!.AsObject(), listed, context);
    }

    private async Task<JsonNode> TaskAsync(JsonObject state, JsonNode input, JsonObject context)
    {
        var parameters = state["Parameters"]!.AsObject();
        var payload = parameters["Payload.$"] is { } path ? Read(input, (string)path!)!.DeepClone() : Resolve(parameters["Payload"]!, input, context);
        var answer = await invoke(payload.ToJsonString());
        var result = new JsonObject { ["Payload"] = answer };
        return state["ResultSelector"] is { } selector ? Resolve(selector, result, context) : result;
    }

    /// <summary>A Parameters or selector object: "name.$" keys take the value at their path, others are copied.</summary>
    private static JsonNode Resolve(JsonNode template, JsonNode input, JsonObject context)
    {
        if (template is not JsonObject fields)
        {
            return template.DeepClone();
        }

        var resolved = new JsonObject();
        foreach (var (key, value) in fields)
        {
            if (key.EndsWith(".$", StringComparison.Ordinal))
            {
                var path = (string)value!;
                var (source, relative) = path.StartsWith("$$", StringComparison.Ordinal) ? (context, path[1..]) : (input, path);
                resolved[key[..^2]] = Read(source, relative)?.DeepClone();
            }
            else
            {
                resolved[key] = value is null ? null : Resolve(value, input, context);
            }
        }

        return resolved;
    }

    private static JsonNode? Read(JsonNode node, string path)
    {
        if (!path.StartsWith('$'))
        {
            throw new NotSupportedException($"path {path}");
        }

        JsonNode? at = node;
        foreach (var part in path[1..].Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            at = at?[part];
        }

        return at;
    }

    private static void Write(JsonNode node, string path, JsonNode value)
    {
        var parts = path[2..].Split('.');
        var at = node;
        foreach (var part in parts[..^1])
        {
            at = at[part]!;
        }

        at[parts[^1]] = value;
    }

    public static JsonNode ParseAnswer(byte[] bytes) => JsonNode.Parse(bytes) ?? throw new JsonException("empty answer");
}
