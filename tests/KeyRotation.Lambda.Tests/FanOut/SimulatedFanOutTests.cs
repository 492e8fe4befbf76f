using System.Text;
using System.Text.Json.Nodes;
using KeyRotation.Core.Audit;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Runs;
using KeyRotation.Engine.Sweep;
using KeyRotation.Lambda.Configuration;
using KeyRotation.Lambda.Events;
using KeyRotation.Lambda.Hosting;
using KeyRotation.Lambda.Operations;
using KeyRotation.Lambda.Runtime;
using KeyRotation.Lambda.Tests.Support;
using KeyRotation.Simulation.Demo;
using KeyRotation.Simulation.Faults;
using KeyRotation.Simulation.Model;
using KeyRotation.Simulation.Ports;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KeyRotation.Lambda.Tests.FanOut;

/// <summary>
/// The Step Functions path (list-targets, rotate-account per item, summarize, driven as the template's state
/// machine drives them) and a single sweep, each through the host's modes over the engine on the demo's simulated
/// organization: the same audit trail, skipped accounts, failed actions, RunStarted and RunFinished included.
/// </summary>
public sealed class SimulatedFanOutTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private const string RunId = "exec-sim-7";

    [Fact]
    public async Task FanOut_DemoOrganization_WritesTheSameAuditEventsAsASweep()
    {
        var sweep = new SimulatedHost();
        var fanOut = new SimulatedHost();

        var report = await sweep.InvokeAsync($$"""{"mode":"sweep","runId":"{{RunId}}"}""");
        var summarized = await new StateMachineDriver(fanOut.InvokeAsync, fanOut.Bucket).RunAsync(RunId);

        var events = sweep.World.AuditLog.Events;
        Assert.Contains(events, e => e.Action == AuditAction.RunStarted);
        Assert.Contains(events, e => e.Action == AuditAction.RunFinished);
        Assert.Equal(3, events.Count(e => e.Action == AuditAction.AccountSkipped));
        Assert.Contains(events, e => e.Outcome == AuditOutcome.Failed);
        AssertSameTrail(Trail(sweep.World.AuditLog), Trail(fanOut.World.AuditLog));
        Assert.Equal(report["summary"]!.ToJsonString(), summarized["summary"]!.ToJsonString());
        Assert.Equal(sweep.World.AuditLog.Events.Count, fanOut.World.AuditLog.Events.Count);
    }

    /// <summary>
    /// Step Functions retries a state whose invocation failed, perhaps after it did its work. The run's start and
    /// finish events have deterministic ids, so they are recorded once however often their step runs; a second
    /// rotate-account of an account is a second look at it (the first look's events stay, and what it newly decides,
    /// like a warning on the key it just replaced, is recorded as such).
    /// </summary>
    /// <summary>
    /// list-targets walks the tree without the accounts' tags (rotate-account reads each target's anyway): only OUs'
    /// tags are read, and an account opted out by its own tag is a target, skipped and recorded by its step.
    /// </summary>
    [Fact]
    public async Task ListTargets_DemoOrganization_ReadsNoAccountTags()
    {
        var host = new SimulatedHost();

        var listed = await host.InvokeAsync($$"""{"mode":"list-targets","runId":"{{RunId}}"}""");

        var units = host.World.Organization.OrganizationalUnits.Count;
        Assert.Equal(units, host.World.Gate.CallsTo(OperationNames.ListTagsForResource));
        var sandbox = (await host.AccountsAsync(listed)).Single(a => (string)a!["accountName"]! == "sandbox")!;
        Assert.Null(sandbox["skipped"]);
        Assert.Null(sandbox["tags"]);
    }

    [Fact]
    public async Task FanOut_EveryStepInvokedTwice_RecordsTheRunOnceAndLosesNothing()
    {
        var once = new SimulatedHost();
        var twice = new SimulatedHost();

        await new StateMachineDriver(once.InvokeAsync, once.Bucket).RunAsync(RunId);
        await new StateMachineDriver(async payload =>
        {
            var first = await twice.InvokeAsync(payload);
            await twice.InvokeAsync(payload);
            return first;
        }, twice.Bucket).RunAsync(RunId);

        var events = twice.World.AuditLog.Events;
        Assert.Single(events, e => e.Action == AuditAction.RunStarted);
        Assert.Single(events, e => e.Action == AuditAction.RunFinished);
        Assert.Equal(3, events.Count(e => e.Action == AuditAction.AccountSkipped));
        Assert.Equal(events.Count, events.Select(e => e.EventId).Distinct().Count());
        Assert.Empty(Trail(once.World.AuditLog).Except(Trail(twice.World.AuditLog)));
    }

    /// <summary>
    /// Whoever can invoke the function can send rotate-account any payload. Dropping the "skipped" mark, the
    /// account's opt-out tag and the opted-out OU from its path does not make an opted-out account rotate: the
    /// account is read afresh from the organization, skipped, and the difference is noted. (list-targets reads no
    /// account tags, so an account opted out by its own tag, sandbox, is listed as a target and skipped by its step.)
    /// </summary>
    [Theory]
    [InlineData("sandbox", null)]
    [InlineData("legacy-billing", "OptOut")]
    public async Task RotateAccount_PayloadWithoutTheOptOut_StillSkipsTheAccount(string name, string? listedAs)
    {
        var host = new SimulatedHost();
        var listed = await host.InvokeAsync($$"""{"mode":"list-targets","runId":"{{RunId}}"}""");
        var item = (await host.AccountsAsync(listed)).Single(a => (string)a!["accountName"]! == name)!.AsObject();
        Assert.Equal(listedAs, (string?)item["skipped"]);
        item["skipped"] = null;
        item["tags"] = new JsonObject();
        item["organizationalUnits"] = new JsonArray();
        var accountId = (string)item["accountId"]!;
        var before = host.World.Gate.CallsTo(OperationNames.AssumeRole);

        var answer = await host.InvokeAsync(
            $$"""{"mode":"rotate-account","runId":"{{RunId}}","asOf":"{{AsOf:O}}","account":{{item.ToJsonString()}}}""");

        Assert.Equal("Skipped", (string)answer["status"]!);
        Assert.Equal("OptOut", (string)answer["reason"]!);
        Assert.Equal(before, host.World.Gate.CallsTo(OperationNames.AssumeRole));
        Assert.Contains(answer["notes"]!.AsArray(), n => ((string)n!).Contains("differ from the organization's", StringComparison.Ordinal));
        Assert.DoesNotContain(host.World.IssuedKeys, k => k.AccountId == accountId);
    }

    /// <summary>
    /// With a fan-out bucket, list-targets' answer holds no accounts, only where they are: the same accounts, in the
    /// same order, that it answers inline without one, as the one JSON array the map's item reader takes.
    /// </summary>
    [Fact]
    public async Task ListTargets_FanOutBucket_WritesTheInlineItemsToTheRunsTargetsObject()
    {
        var stored = new SimulatedHost();
        var inline = new SimulatedHost(fanOutBucket: false);

        var answer = await stored.InvokeAsync($$"""{"mode":"list-targets","runId":"{{RunId}}"}""");
        var inlineAnswer = await inline.InvokeAsync($$"""{"mode":"list-targets","runId":"{{RunId}}"}""");

        Assert.Null(answer["accounts"]);
        Assert.Equal(stored.Bucket.Bucket, (string)answer["objects"]!["bucket"]!);
        Assert.Equal($"runs/{RunId}/targets.json", (string)answer["objects"]!["targets"]!);
        Assert.Equal($"runs/{RunId}/results", (string)answer["objects"]!["results"]!);
        Assert.Equal([$"runs/{RunId}/targets.json"], stored.Bucket.Objects.Keys);
        Assert.Null(inlineAnswer["objects"]);
        var items = inlineAnswer["accounts"]!.AsArray();
        Assert.NotEmpty(items);
        Assert.Equal(items.ToJsonString(), JsonNode.Parse(stored.Bucket.Objects[$"runs/{RunId}/targets.json"])!.ToJsonString());
        Assert.Equal((int)inlineAnswer["count"]!, (int)answer["count"]!);
    }

    /// <summary>
    /// The results read from the ResultWriter's manifest and files are the answers the inline map collected: summarize
    /// gives the same summary either way, and the same as the whole run driven inline (no bucket, the items in the state).
    /// </summary>
    [Fact]
    public async Task Summarize_FromTheResultManifest_SameSummaryAsFromInlineResults()
    {
        var host = new SimulatedHost();
        var inlineHost = new SimulatedHost(fanOutBucket: false);
        var driver = new StateMachineDriver(host.InvokeAsync, host.Bucket);

        var fromManifest = await driver.RunAsync(RunId);
        var inlineRun = await RunInlineAsync(inlineHost);

        var folder = $"runs/{RunId}/results/{StateMachineDriver.MapRunId}";
        Assert.Equal($"{folder}/manifest.json", (string)driver.MapOutput!["ResultWriterDetails"]!["Key"]!);
        var outputs = JsonNode.Parse(host.Bucket.Objects[$"{folder}/SUCCEEDED_0.json"])!
            .AsArray().Select(e => JsonNode.Parse((string)e!["Output"]!)).ToArray();
        var fromResults = await host.InvokeAsync(
            $$"""{"mode":"summarize","runId":"{{RunId}}","results":{{new JsonArray(outputs).ToJsonString()}}}""");
        Assert.True((int)fromManifest["summary"]!["accounts"]! > 3);
        Assert.Equal(fromResults["summary"]!.ToJsonString(), fromManifest["summary"]!.ToJsonString());
        Assert.Equal(inlineRun["summary"]!.ToJsonString(), fromManifest["summary"]!.ToJsonString());
    }

    /// <summary>A child execution that failed (timed out, aborted) has no output: its account counts as failed, with the status and error name.</summary>
    [Fact]
    public async Task Summarize_FailedChildExecutionsInTheManifest_CountTheirAccountsAsFailed()
    {
        var host = new SimulatedHost();
        var driver = new StateMachineDriver(host.InvokeAsync, host.Bucket) { FailChild = _ => true };

        var summarized = await driver.RunAsync(RunId);

        var summary = summarized["summary"]!;
        Assert.Equal(driver.Items.Count, (int)summary["accounts"]!);
        Assert.Equal(driver.Items.Count, (int)summary["failed"]!);
        Assert.Equal(0, (int)summary["processed"]!);
        Assert.Contains("child execution FAILED: States.Timeout", summary["failures"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(host.World.AuditLog.Events, e => e.Action == AuditAction.RunFinished);
    }

    [Fact]
    public async Task Summarize_ManifestMissing_FailsNamingTheBucketAndKeyWithoutTheSecret()
    {
        var host = new SimulatedHost();
        var key = $"runs/{RunId}/results/{StateMachineDriver.MapRunId}/manifest.json";

        var error = await Assert.ThrowsAsync<ServiceException>(() => host.InvokeAsync(Summarize(host.Bucket.Bucket, key)));

        Assert.Equal(FailureKind.NotFound, error.Kind);
        Assert.Contains($"'{host.Bucket.Bucket}'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{key}'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeEnvironment.Valid()[EnvironmentVariables.ExternalId], error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(host.World.AuditLog.Events, e => e.Action == AuditAction.RunFinished);
    }

    /// <summary>summarize reads only the configured bucket, and there only this run's results: another run's are not folded into it.</summary>
    [Theory]
    [InlineData("someone-elses-bucket", "runs/exec-sim-7/results/m/manifest.json", "is not the fan-out bucket")]
    [InlineData(null, "runs/exec-sim-8/results/m/manifest.json", "is not under run exec-sim-7's results (runs/exec-sim-7/results/)")]
    [InlineData(null, "runs/exec-sim-7/targets.json", "is not under run exec-sim-7's results")]
    public async Task Summarize_ResultsOutsideTheRunsResults_Refused(string? bucket, string key, string expected)
    {
        var host = new SimulatedHost();

        var error = await Assert.ThrowsAsync<EventFormatException>(() => host.InvokeAsync(Summarize(bucket ?? host.Bucket.Bucket, key)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(host.World.AuditLog.Events, e => e.Action == AuditAction.RunFinished);
    }

    [Fact]
    public async Task Summarize_ResultWriterDetailsWithoutAFanOutBucket_RefusedNamingTheVariable()
    {
        var host = new SimulatedHost(fanOutBucket: false);

        var error = await Assert.ThrowsAsync<EventFormatException>(() =>
            host.InvokeAsync(Summarize("fan-out-example", $"runs/{RunId}/results/m/manifest.json")));

        Assert.Contains(EnvironmentVariables.FanOutBucket, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summarize_ResultsAndResultWriterDetailsBoth_Refused()
    {
        var host = new SimulatedHost();

        var error = await Assert.ThrowsAsync<EventFormatException>(() => host.InvokeAsync(
            $$$"""{"mode":"summarize","runId":"{{{RunId}}}","results":[],"resultWriterDetails":{"Bucket":"{{{host.Bucket.Bucket}}}","Key":"runs/{{{RunId}}}/results/m/manifest.json"}}"""));

        Assert.Contains("not both", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A manifest naming a result file outside the run's results is refused, naming the manifest: another run's answers are not folded in.</summary>
    [Fact]
    public async Task Summarize_ManifestNamingAnotherRunsFile_RefusedNamingTheManifest()
    {
        var host = new SimulatedHost();
        var manifestKey = $"runs/{RunId}/results/m/manifest.json";
        await host.Bucket.PutAsync(manifestKey, Encoding.UTF8.GetBytes(
            $$$"""{"DestinationBucket":"{{{host.Bucket.Bucket}}}","ResultFiles":{"SUCCEEDED":[{"Key":"runs/other/results/m/SUCCEEDED_0.json","Size":2}],"FAILED":[],"PENDING":[]}}"""),
            CancellationToken.None);

        var error = await Assert.ThrowsAsync<FanOutResultsException>(() => host.InvokeAsync(Summarize(host.Bucket.Bucket, manifestKey)));

        Assert.Contains($"fan-out bucket '{host.Bucket.Bucket}', object '{manifestKey}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("runs/other/results/m/SUCCEEDED_0.json", error.Message, StringComparison.Ordinal);
    }

    private static string Summarize(string bucket, string key) =>
        $$$"""{"mode":"summarize","runId":"{{{RunId}}}","resultWriterDetails":{"Bucket":"{{{bucket}}}","Key":"{{{key}}}"}}""";

    /// <summary>The fan-out as it ran before the bucket, on a host without one: the items from list-targets' answer,
    /// each rotated, the answers handed to summarize inline.</summary>
    private static async Task<JsonNode> RunInlineAsync(SimulatedHost host)
    {
        var listed = await host.InvokeAsync($$"""{"mode":"list-targets","runId":"{{RunId}}"}""");
        var context = $"\"runId\":\"{RunId}\",\"asOf\":\"{(string)listed["asOf"]!}\",\"dryRun\":{listed["dryRun"]!.ToJsonString()}";
        var results = new JsonArray();
        foreach (var account in listed["accounts"]!.AsArray())
        {
            results.Add(await host.InvokeAsync($$"""{"mode":"rotate-account",{{context}},"account":{{account!.ToJsonString()}}}"""));
        }

        return await host.InvokeAsync($$"""{"mode":"summarize",{{context}},"results":{{results.ToJsonString()}}}""");
    }

    /// <summary>Equal, and where not, the events only one side has (easier to read than two long lists).</summary>
    internal static void AssertSameTrail(string[] expected, string[] actual)
    {
        Assert.Empty(expected.Except(actual));
        Assert.Empty(actual.Except(expected));
        Assert.Equal(expected, actual);
    }

    /// <summary>What an audit event says, without when: id, account, user, key, action, reason, outcome, error, summary.</summary>
    private static string[] Trail(InMemoryAuditLog log) =>
    [
        .. log.Events.Select(e => string.Join(" | ", e.EventId, e.AccountId, e.UserName, e.AccessKeyId, e.Action, e.Reason,
                e.Outcome, e.Error, e.Detail, e.Summary))
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>The host's dispatcher over the engine on the demo organization (seed 7), one invocation at a time; with a
    /// fan-out bucket in memory, as the template deploys it, unless told otherwise.</summary>
    private sealed class SimulatedHost
    {
        private readonly InvocationDispatcher dispatcher;

        public SimulatedHost(bool fanOutBucket = true)
        {
            var organization = DemoOrganization.Build(7, AsOf);
            var time = new FakeTimeProvider(AsOf);
            // One failed action (a deactivation refused in the first account), so the summary has a failure line.
            var faults = new RuleBasedFaultSource(FaultRule.Always(
                OperationNames.Iam, OperationNames.UpdateAccessKey, organization.Accounts[0].Id, FailureKind.AccessDenied));
            World = new SimulatedWorld(organization, time, seed: 42, [faults]);
            var retries = new RetryTally();
            var engine = new OrganizationSweep(World.CreateServices(retries));
            var operations = new RotationOperations(
                (options, _, ct) => engine.RunAsync(options, ct),
                engine.BeginFanOutAsync,
                async (id, claimed, options, ct) => new AccountStep(await engine.RotateAccountAsync(id, options, claimed, ct), 0),
                async (outcomes, earlier, options) =>
                {
                    var (summary, unwritten, _) = await engine.FinishRunAsync(options, outcomes, earlier);
                    return new RunFinish(summary, unwritten);
                }) { FanOutStore = fanOutBucket ? Bucket : null };
            var settings = HostSettingsReader.Read(FakeEnvironment.With(
                (EnvironmentVariables.ForceDeactivateAfterDays, DemoOrganization.Policy.ForceDeactivateAfterDays!.Value.ToString(
                    System.Globalization.CultureInfo.InvariantCulture))));
            var factory = new RunOptionsFactory(settings, time, new Random(3), "lambda:test");
            dispatcher = new InvocationDispatcher(new ModeHandlers(settings, operations, factory, NullLogger.Instance));
        }

        public SimulatedWorld World { get; }

        public InMemoryFanOutStore Bucket { get; } = new();

        /// <summary>list-targets' accounts: from the bucket when it wrote them there, else from its answer.</summary>
        public async Task<JsonArray> AccountsAsync(JsonNode listed) =>
            listed["objects"] is JsonObject objects
                ? JsonNode.Parse(await Bucket.GetAsync((string)objects["targets"]!, CancellationToken.None))!.AsArray()
                : listed["accounts"]!.AsArray();

        public async Task<JsonNode> InvokeAsync(string payload)
        {
            var invocation = new Invocation("req", AsOf.AddMinutes(15), null, ComposedHostArn, Encoding.UTF8.GetBytes(payload));
            return StateMachineDriver.ParseAnswer(await dispatcher.HandleAsync(invocation, CancellationToken.None));
        }

        private const string ComposedHostArn = "arn:aws:lambda:us-east-1:999999999999:function:key-rotation";
    }
}
