using System.Text.Json;
using KeyRotation.Aws.Tests.Audit.Dynalite;
using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Tests.Support;
using KeyRotation.Core.Audit;

namespace KeyRotation.Cli.Tests.EndToEnd;

/// <summary>demo, plan and run with --audit-table against dynalite: the hints they print and what they store.</summary>
[Collection(DynaliteCollection.Name)]
public sealed class AuditTableRunTests(DynaliteFixture dynalite)
{
    [DynaliteFact]
    public async Task Demo_TableOutput_EndsWithRunIdAndACommandThatReadsTheRunBack()
    {
        var table = await dynalite.CreateTableAsync("demo-hint");

        var demo = await CliRun.Of("demo", "--audit-table", table, "--endpoint-url", dynalite.Endpoint);

        Assert.Equal((0, ""), (demo.ExitCode, demo.Error));
        var lines = demo.Out.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var runId = demo.Out.Split('\n')[1].Split(' ')[1];
        Assert.StartsWith($"Run {runId} as of", demo.Out.Split('\n')[1], StringComparison.Ordinal);
        Assert.Equal($"Nothing outside this process was touched except the audit table: DynamoDB table '{table}' at {dynalite.Endpoint}.", lines[^3]);
        Assert.Equal($"Run id: {runId}. Its audit trail:", lines[^2]);
        var hint = $"  keyrotation audit --run {runId} --table {table} --endpoint-url {dynalite.Endpoint}";
        Assert.Equal(hint, lines[^1]);

        var readBack = await CliRun.Of([.. hint.Trim().Split(' ').Skip(1), "--output", "json"]);

        Assert.Equal((0, ""), (readBack.ExitCode, readBack.Error));
        var events = JsonDocument.Parse(readBack.Out).RootElement.EnumerateArray().ToList();
        Assert.Contains(events, e => e.GetProperty("action").GetString() == AuditAction.RunStarted);
        Assert.Contains(events, e => e.GetProperty("action").GetString() == AuditAction.RunFinished);
        Assert.All(events, e => Assert.Equal(runId, e.GetProperty("runId").GetString()));
        Assert.All(events, e => Assert.Equal("simulation", e.GetProperty("actor").GetString()));
    }

    [DynaliteFact]
    public async Task Plan_WithAuditTable_StoresEachPlannedActionAsPlannedAndPrintsTheHint()
    {
        var table = await dynalite.CreateTableAsync("plan");
        using var files = new TempFiles();
        var simulation = files.Write("org.json", SampleOrganization.Json);
        var variables = new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = dynalite.Endpoint };

        var plan = await CliRun.With(variables, "plan", "--simulation", simulation, "--as-of", SampleOrganization.AsOf,
            "--audit-table", table, "--run-id", "plan-into-table", "--output", "json");
        var tablePlan = await CliRun.With(variables, "plan", "--simulation", simulation, "--as-of", SampleOrganization.AsOf,
            "--audit-table", table, "--run-id", "plan-table-output");
        var stored = await CliRun.With(variables, "audit", "--run", "plan-into-table", "--table", table, "--output", "json");

        Assert.Equal((0, 0, 0), (plan.ExitCode, tablePlan.ExitCode, stored.ExitCode));
        var rows = ReportRow.From(plan.Json());
        var events = JsonDocument.Parse(stored.Out).RootElement.EnumerateArray().ToList();
        var actions = events.Where(e => e.GetProperty("userName").ValueKind == JsonValueKind.String).ToList();
        Assert.Equal(rows.Count, actions.Count);
        Assert.All(actions, e => Assert.Equal("Planned", e.GetProperty("outcome").GetString()));
        Assert.Contains(
            $"Audit trail of run plan-table-output: DynamoDB table '{table}' at {dynalite.Endpoint}. Read it back with:{Environment.NewLine}" +
            $"  keyrotation audit --run plan-table-output --table {table} --endpoint-url {dynalite.Endpoint}",
            tablePlan.Out, StringComparison.Ordinal);
    }

    [DynaliteFact]
    public async Task Run_TableMissing_ExitsAuditIncompleteSuggestingCreateTable()
    {
        using var files = new TempFiles();
        var simulation = files.Write("org.json", SampleOrganization.Json);

        var run = await CliRun.Of("run", "--simulation", simulation, "--as-of", SampleOrganization.AsOf,
            "--audit-table", "no-such-table", "--endpoint-url", dynalite.Endpoint, "--region", "eu-west-1");

        Assert.Equal(ExitCodes.AuditIncomplete, run.ExitCode);
        Assert.Contains("audit table 'no-such-table'", run.Error, StringComparison.Ordinal);
        Assert.Contains(
            $"(create the table with: keyrotation audit create-table --table no-such-table --endpoint-url {dynalite.Endpoint} --region eu-west-1)",
            run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Worlds.Single().IssuedKeys);
    }
}
