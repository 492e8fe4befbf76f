using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KeyRotation.Engine.Ports;
using KeyRotation.Lambda.Tests.Templates;

namespace KeyRotation.Lambda.Tests.FanOut;

/// <summary>
/// Drives a function the way the central template's state machine does, read from the template itself: the
/// ListTargets payload and result selector, the map's item reader (or items path) and item selector, the RotateAccount
/// result selector, the map's result writer (or result path), the Summarize payload. So what summarize receives is
/// exactly what the deployed state machine would hand it, fields dropped by a selector included. The item reader gets
/// the items from <paramref name="bucket"/> and the result writer puts a manifest and result files there, shaped as
/// Step Functions writes them (see KeyRotation.Lambda.Events.ResultManifest). Items run one after another; a failed
/// invocation fails the drive (the catch-all RecordFailure state is not modelled), unless <see cref="FailChild"/>
/// fails its child execution as Step Functions would record one that timed out.
/// </summary>
internal sealed class StateMachineDriver(Func<string, Task<JsonNode>> invoke, IFanOutStore? bucket = null)
{
    private static readonly JsonObject Definition = StateMachineDefinition.Parse();

    /// <summary>The map run Step Functions would name; its id is the folder of the results.</summary>
    public const string MapRunId = "c5b2e5d3-0b2d-3bd6-8a6e-6f0fd6bd0f42";

    /// <summary>The rotate-account payloads sent, in order.</summary>
    public List<JsonNode> Items { get; } = [];

    /// <summary>Items whose child execution fails (States.Timeout) instead of invoking the function.</summary>
    public Func<JsonNode, bool> FailChild { get; init; } = _ => false;

    /// <summary>The map state's output, as summarize's payload reads it.</summary>
    public JsonNode? MapOutput { get; private set; }

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
        var succeeded = new JsonArray();
        var failed = new JsonArray();
        foreach (var item in await ItemsAsync(map, listed, context))
        {
            var itemContext = new JsonObject
            {
                ["Execution"] = context["Execution"]!.DeepClone(),
                ["Map"] = new JsonObject { ["Item"] = new JsonObject { ["Value"] = item!.DeepClone() } },
            };
            var payload = Resolve(map["ItemSelector"]!, listed, itemContext);
            Items.Add(payload);
            if (FailChild(payload))
            {
                failed.Add(ChildExecution(payload, "FAILED", null));
                continue;
            }

            var result = await TaskAsync(rotate, payload, itemContext);
            results.Add(result);
            succeeded.Add(ChildExecution(payload, "SUCCEEDED", result));
        }

        MapOutput = map["ResultWriter"] is JsonObject writer
            ? await WriteResultsAsync(writer, listed, context, succeeded, failed)
            : results;
        Write(listed, (string)map["ResultPath"]!, MapOutput.DeepClone());
        return await TaskAsync(states["Summarize"]!.AsObject(), listed, context);
    }

    /// <summary>The map's items: the ItemReader's JSON array from the bucket, or the input at ItemsPath.</summary>
    private async Task<JsonArray> ItemsAsync(JsonObject map, JsonNode input, JsonObject context)
    {
        if (map["ItemReader"] is not JsonObject reader)
        {
            return Read(input, (string)map["ItemsPath"]!)!.AsArray();
        }

        Assert.EndsWith(":states:::s3:getObject", (string)reader["Resource"]!, StringComparison.Ordinal);
        Assert.Equal("JSON", (string)reader["ReaderConfig"]!["InputType"]!);
        var key = (string)Resolve(reader["Parameters"]!, input, context)["Key"]!;
        return JsonNode.Parse(await Store.GetAsync(key, CancellationToken.None))!.AsArray();
    }

    /// <summary>What the ResultWriter leaves: one file per status and a manifest naming them; the map answers where.</summary>
    private async Task<JsonNode> WriteResultsAsync(JsonObject writer, JsonNode input, JsonObject context, JsonArray succeeded, JsonArray failed)
    {
        Assert.EndsWith(":states:::s3:putObject", (string)writer["Resource"]!, StringComparison.Ordinal);
        var folder = $"{(string)Resolve(writer["Parameters"]!, input, context)["Prefix"]!}/{MapRunId}";
        var files = new JsonObject { ["FAILED"] = new JsonArray(), ["PENDING"] = new JsonArray(), ["SUCCEEDED"] = new JsonArray() };
        foreach (var (status, executions) in new[] { ("SUCCEEDED", succeeded), ("FAILED", failed) })
        {
            if (executions.Count == 0) continue;
            var key = $"{folder}/{status}_0.json";
            var content = Encoding.UTF8.GetBytes(executions.ToJsonString());
            await Store.PutAsync(key, content, CancellationToken.None);
            files[status]!.AsArray().Add(new JsonObject { ["Key"] = key, ["Size"] = content.Length });
        }

        var mapRunArn = $"arn:aws:states:us-east-1:123456789012:mapRun:key-rotation/RotateAccounts:{MapRunId}";
        var manifestKey = $"{folder}/manifest.json";
        var manifest = new JsonObject { ["DestinationBucket"] = Store.Bucket, ["MapRunArn"] = mapRunArn, ["ResultFiles"] = files };
        await Store.PutAsync(manifestKey, Encoding.UTF8.GetBytes(manifest.ToJsonString()), CancellationToken.None);
        return new JsonObject
        {
            ["MapRunArn"] = mapRunArn,
            ["ResultWriterDetails"] = new JsonObject { ["Bucket"] = Store.Bucket, ["Key"] = manifestKey },
        };
    }

    /// <summary>A child execution as a result file lists it: Input and Output are JSON text; a failed one has no Output.</summary>
    private JsonObject ChildExecution(JsonNode input, string status, JsonNode? output)
    {
        var name = $"{Items.Count:D4}";
        var record = new JsonObject
        {
            ["ExecutionArn"] = $"arn:aws:states:us-east-1:123456789012:execution:key-rotation/RotateAccounts:{name}",
            ["Input"] = input.ToJsonString(),
            ["InputDetails"] = new JsonObject { ["Included"] = true },
            ["Name"] = name,
            ["Status"] = status,
            ["StartDate"] = "2026-11-29T12:00:00.000Z",
            ["StopDate"] = "2026-11-29T12:00:30.000Z",
            ["StateMachineArn"] = "arn:aws:states:us-east-1:123456789012:stateMachine:key-rotation/RotateAccounts",
            ["RedriveCount"] = 0,
            ["RedriveStatus"] = "NOT_REDRIVABLE",
        };
        if (output is null)
        {
            record["Error"] = "States.Timeout";
            record["Cause"] = "the child execution timed out";
        }
        else
        {
            record["Output"] = output.ToJsonString();
            record["OutputDetails"] = new JsonObject { ["Included"] = true };
        }

        return record;
    }

    private IFanOutStore Store => bucket ?? throw new InvalidOperationException("the template's map reads and writes S3: give the driver a bucket");

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
