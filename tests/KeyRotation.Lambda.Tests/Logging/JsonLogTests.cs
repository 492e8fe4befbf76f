using System.Text.Json;
using KeyRotation.Engine.Reporting;
using KeyRotation.Lambda.Logging;
using KeyRotation.Lambda.Tests.Support;
using KeyRotation.Lambda.Tests.Templates;
using Microsoft.Extensions.Logging;

namespace KeyRotation.Lambda.Tests.Logging;

[CollectionDefinition(nameof(ConsoleCollection), DisableParallelization = true)]
public sealed class ConsoleCollection;

/// <summary>The real JSON console logging, captured from stdout, against what the template's metric filters expect.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class JsonLogTests
{
    private const string Trace = "Root=1-6749a0c0-aaaaaaaaaaaaaaaaaaaaaaaa;Sampled=1";

    [Fact]
    public async Task Log_FailedAccountInSweep_IsOneJsonLineTheMetricFilterMatches()
    {
        var lines = await CaptureAsync(new RecordingOperations
        {
            Rotate = a => new AccountReport(a.AccountId, a.Name, AccountStatus.Failed, null,
                "STS AssumeRole failed: AccessDenied", []),
        });

        var failed = Assert.Single(lines, l => Path(l, MetricFilters.EventPath) == HostLog.AccountFailedEvent);
        Assert.Equal("222222222222", failed.GetProperty("State").GetProperty("accountId").GetString());
        Assert.Equal("Error", failed.GetProperty("LogLevel").GetString());
        Assert.Contains(MetricFilters.All, f => f.EventName == HostLog.AccountFailedEvent);
    }

    [Fact]
    public async Task Log_FailedActionInAProcessedAccount_IsAnActionsFailedLineTheMetricSums()
    {
        var lines = await CaptureAsync(new RecordingOperations
        {
            Rotate = a => new AccountReport(a.AccountId, a.Name, AccountStatus.Processed, null, null,
            [
                new ActionRecord("alice", null, Core.Planning.ActionKind.CreateKey, Core.Planning.ReasonCode.RotationDue, "Failed",
                    "replaces AKIAEXAMPLE", "storing the secret failed"),
                new ActionRecord("bob", "AKIAIOSFODNN7EXAMPLE", Core.Planning.ActionKind.DeleteKey, Core.Planning.ReasonCode.InactivePastDeleteAge,
                    "Failed", "old", "throttled"),
            ]),
        });

        var failed = Assert.Single(lines, l => Path(l, MetricFilters.EventPath) == HostLog.ActionsFailedEvent);
        Assert.Equal(2, failed.GetProperty("State").GetProperty("failedActions").GetInt32());
        Assert.Equal("Error", failed.GetProperty("LogLevel").GetString());
        Assert.Contains(MetricFilters.All, f => f.EventName == HostLog.ActionsFailedEvent);
        Assert.DoesNotContain(lines, l => Path(l, MetricFilters.EventPath) == HostLog.AccountFailedEvent);
    }

    [Fact]
    public async Task Log_Invocation_CarriesRequestAndTraceIdsInItsScope()
    {
        var lines = await CaptureAsync(new RecordingOperations());

        var succeeded = Assert.Single(lines, l => Path(l, MetricFilters.EventPath) == "InvocationSucceeded");
        var scope = succeeded.GetProperty("Scopes")[0];
        Assert.Equal("req-log", scope.GetProperty("requestId").GetString());
        Assert.Equal(Trace, scope.GetProperty("traceId").GetString());
    }

    [Fact]
    public async Task Log_WholeRun_NeverContainsTheExternalId()
    {
        var environment = FakeEnvironment.With();
        var lines = await CaptureAsync(new RecordingOperations(), environment);

        Assert.Contains(lines, l => Path(l, MetricFilters.EventPath) == "Initialized");
        Assert.DoesNotContain(lines, l => l.GetRawText().Contains("ext-Id_2026:rotation", StringComparison.Ordinal));
    }

    private static string? Path(JsonElement line, string path)
    {
        var node = line;
        foreach (var part in path.TrimStart('$', '.').Split('.'))
        {
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(part, out node))
            {
                return null;
            }
        }

        return node.ValueKind == JsonValueKind.String ? node.GetString() : null;
    }

    private static async Task<List<JsonElement>> CaptureAsync(RecordingOperations operations, FakeEnvironment? environment = null)
    {
        var original = Console.Out;
        var captured = new StringWriter();
        Console.SetOut(captured);
        try
        {
            await using var api = new FakeRuntimeApi(new FakeEvent("req-log", """{"mode":"sweep"}""",
                HostRunner.Now.AddMinutes(10), Trace));
            using (var loggers = HostLogging.Create(LogLevel.Information))
            {
                await HostRunner.RunAsync(api, environment ?? FakeEnvironment.With(), operations, loggers);
            }
        }
        finally
        {
            Console.SetOut(original);
        }

        return [.. captured.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())];
    }
}
