using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KeyRotation.Engine.Reporting;
using KeyRotation.Lambda.Events;
using static KeyRotation.Lambda.Tests.Templates.CfnTemplate;

namespace KeyRotation.Lambda.Tests.Templates;

/// <summary>The Distributed Map definition, parsed as the JSON it becomes, held to the host's modes and answers.</summary>
public sealed partial class StateMachineTests
{
    private static readonly JsonObject Definition = StateMachineDefinition.Parse();

    [Fact]
    public void Definition_InvokesOnlyModesTheHostAnswers()
    {
        var modes = Descendants(Definition).OfType<JsonObject>()
            .Where(o => o.ContainsKey("mode")).Select(o => (string)o["mode"]!).ToList();

        Assert.Equal([EventModes.ListTargets, EventModes.RotateAccount, EventModes.Summarize], modes.Order(StringComparer.Ordinal));
        Assert.All(modes, m => Assert.Contains(m, EventModes.All));
    }

    [Fact]
    public void Definition_ListsTargetsThenRotatesEachInADistributedMapThenSummarizes()
    {
        Assert.Equal("ListTargets", (string)Definition["StartAt"]!);
        var states = Definition["States"]!.AsObject();
        Assert.Equal("RotateAccounts", (string)states["ListTargets"]!["Next"]!);
        var map = states["RotateAccounts"]!.AsObject();
        Assert.Equal("Map", (string)map["Type"]!);
        Assert.Equal("DISTRIBUTED", (string)map["ItemProcessor"]!["ProcessorConfig"]!["Mode"]!);
        Assert.Equal("Summarize", (string)map["Next"]!);
        Assert.Equal(EventModes.Summarize, (string)states["Summarize"]!["Parameters"]!["Payload"]!["mode"]!);
    }

    /// <summary>
    /// The map reads list-targets' items from the fan-out bucket and writes its results there (the execution state
    /// holds 256 KiB, about 1,000 accounts); the object keys are the ones list-targets answers, summarize gets where
    /// the results are.
    /// </summary>
    [Fact]
    public void Map_ReadsItemsFromAndWritesResultsToTheFanOutBucketAtTheKeysListTargetsAnswers()
    {
        var map = State("RotateAccounts");
        var reader = map["ItemReader"]!.AsObject();
        var writer = map["ResultWriter"]!.AsObject();
        var objects = Serialize(FanOutObjects.For("b", "r"), LambdaJsonContext.Default.FanOutObjects);

        Assert.Null(map["ItemsPath"]);
        Assert.Equal("arn:0:states:::s3:getObject", (string)reader["Resource"]!);
        Assert.Equal("JSON", (string)reader["ReaderConfig"]!["InputType"]!);
        Assert.Equal("$.objects.targets", (string)reader["Parameters"]!["Key.$"]!);
        Assert.Equal("arn:0:states:::s3:putObject", (string)writer["Resource"]!);
        Assert.Equal("$.objects.results", (string)writer["Parameters"]!["Prefix.$"]!);
        Assert.True(objects.ContainsKey("targets") && objects.ContainsKey("results"));
        Assert.Equal("$.Payload.objects", (string)State("ListTargets")["ResultSelector"]!["objects.$"]!);
        Assert.Equal("$.results", (string)map["ResultPath"]!);
        Assert.Equal("$.results.ResultWriterDetails", (string)State("Summarize")["Parameters"]!["Payload"]!["resultWriterDetails.$"]!);
        // Both name the stack's own bucket, not one the function's answer could name.
        var sub = (string)Path(Templates.Central.Resource("StateMachine"), "Properties", "DefinitionString", "Fn::Sub")!;
        Assert.Equal(2, sub.Split("\"Bucket\": \"${FanOutBucket}\"").Length - 1);
    }

    [Fact]
    public void ResultWriterDetails_AsTheMapAnswersThem_AreReadBySummarize()
    {
        var request = JsonSerializer.Deserialize(
            """{"mode":"summarize","resultWriterDetails":{"Bucket":"b","Key":"runs/r/results/m/manifest.json"}}""",
            LambdaJsonContext.Default.InvocationRequest)!;

        Assert.Equal(new ResultWriterDetails("b", "runs/r/results/m/manifest.json"), request.ResultWriterDetails);
    }

    [Fact]
    public void ListTargetsSelector_ReadsFieldsTheHostWrites()
    {
        var answer = Serialize(new ListTargetsResponse("r", DateTimeOffset.UnixEpoch, false, 0, []),
            LambdaJsonContext.Default.ListTargetsResponse);

        AssertSelectsOnly(State("ListTargets")["ResultSelector"]!.AsObject(), answer);
    }

    [Fact]
    public void RotateAccountSelector_ReadsFieldsTheHostWritesAndFailureRecordHasTheSameShape()
    {
        var answer = Serialize(new AccountResult("222222222222", "dev", AccountStatus.Processed, null, null,
            new Dictionary<string, int>(), []), LambdaJsonContext.Default.AccountResult);
        var processor = State("RotateAccounts")["ItemProcessor"]!["States"]!.AsObject();
        var selector = processor["RotateAccount"]!["ResultSelector"]!.AsObject();
        var failure = processor["RecordFailure"]!["Parameters"]!.AsObject();

        AssertSelectsOnly(selector, answer);
        Assert.Equal(selector.Select(p => p.Key.Replace(".$", "", StringComparison.Ordinal)).Order(),
            failure.Select(p => p.Key.Replace(".$", "", StringComparison.Ordinal)).Order());
        Assert.Equal(nameof(AccountStatus.Failed), (string)failure["status"]!);
    }

    [Fact]
    public void RecordFailure_OutputIsAcceptedBySummarize()
    {
        var record = """{"accountId":"222222222222","accountName":"dev","status":"Failed","reason":null,"error":"x","actionCounts":{}}""";

        var request = JsonSerializer.Deserialize($$"""{"mode":"summarize","results":[{{record}}]}""",
            LambdaJsonContext.Default.InvocationRequest)!;

        var outcome = AccountMapping.ToOutcome(Assert.Single(request.Results!));
        Assert.Equal(AccountStatus.Failed, outcome.Status);
        Assert.Equal("x", outcome.Error);
    }

    [Fact]
    public void SummarizeSelectorAndChoice_ReadFieldsTheHostWrites()
    {
        var answer = Serialize(new SummarizeResponse("r", null, null,
            new RunSummary(0, 0, 0, 0, 0, new Dictionary<string, int>(), [])), LambdaJsonContext.Default.SummarizeResponse);

        AssertSelectsOnly(State("Summarize")["ResultSelector"]!.AsObject(), answer);
        var variable = (string)State("AnyAccountFailed")["Choices"]![0]!["Variable"]!;
        Assert.Equal("$.summary.failed", variable);
        Assert.NotNull(answer["summary"]!["failed"]);
    }

    [Fact]
    public void ItemSelector_PassesTheRunContextAndTheListedAccount()
    {
        var selector = State("RotateAccounts")["ItemSelector"]!.AsObject();

        Assert.Equal("$$.Map.Item.Value", (string)selector["account.$"]!);
        Assert.Equal("$.runId", (string)selector["runId.$"]!);
        Assert.Equal("$.asOf", (string)selector["asOf.$"]!);
        Assert.Equal("$.dryRun", (string)selector["dryRun.$"]!);
    }

    private static JsonObject State(string name) => Definition["States"]![name]!.AsObject();

    /// <summary>Every "x.$": "$.Payload.y" of a selector names a field y the host's answer has.</summary>
    private static void AssertSelectsOnly(JsonObject selector, JsonObject answer)
    {
        foreach (var (_, value) in selector)
        {
            var path = (string)value!;
            var match = PayloadPath().Match(path);
            Assert.True(match.Success, $"selector path {path} does not read the Lambda payload");
            Assert.True(answer.ContainsKey(match.Groups[1].Value), $"the host's answer has no field {match.Groups[1].Value}");
        }
    }

    private static JsonObject Serialize<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) =>
        JsonNode.Parse(JsonSerializer.Serialize(value, info))!.AsObject();

    private static IEnumerable<JsonNode?> Descendants(JsonNode? node)
    {
        yield return node;
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var child in children)
        {
            foreach (var below in Descendants(child))
            {
                yield return below;
            }
        }
    }

    [GeneratedRegex(@"^\$\.Payload\.(\w+)$")]
    private static partial Regex PayloadPath();
}
