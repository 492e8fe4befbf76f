using System.Text.Json;
using KeyRotation.Aws.Tests.Audit.Dynalite;
using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Tests.Support;
using KeyRotation.Core.Audit;

namespace KeyRotation.Cli.Tests.Aws;

/// <summary>
/// run and plan against AWS with --audit-table: the stub's organization for every other service, dynalite for
/// DynamoDB (AWS_ENDPOINT_URL_DYNAMODB), no credentials anywhere (loopback placeholders).
/// </summary>
[Collection(DynaliteCollection.Name)]
public sealed class AwsAuditTableTests(DynaliteFixture dynalite) : IDisposable
{
    /// <summary>"svc+ci,x=y"'s never-used 95-day-old key is deactivated, and is then past the delete age at once.</summary>
    private static readonly string[] Policy = ["--rotate-after-days", "90", "--deactivate-after-days", "91", "--delete-after-days", "92"];

    private readonly AwsCli cli = new();

    public void Dispose() => cli.Dispose();

    private async Task<string> ArrangeAsync()
    {
        var table = await dynalite.CreateTableAsync("aws-run");
        cli.Variables["AWS_ENDPOINT_URL"] = cli.Endpoint;
        cli.Variables["AWS_ENDPOINT_URL_DYNAMODB"] = dynalite.Endpoint;
        cli.Variables["AWS_REGION"] = "us-east-1";
        return table;
    }

    [DynaliteFact]
    public async Task Run_AuditTable_StoresEveryActionAsTheCallerAndPrintsTheHint()
    {
        var table = await ArrangeAsync();

        var run = await cli.Run(["run", "--external-id", AwsCli.ExternalId, "--confirm", "--audit-table", table, .. Policy]);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.DoesNotContain("warning: no --audit-table", run.Error, StringComparison.Ordinal);
        var runId = run.Out.Split('\n')[0].Split(' ')[1];
        var hint = $"  keyrotation audit --run {runId} --table {table} --endpoint-url {dynalite.Endpoint}";
        Assert.Equal(hint, run.Out.TrimEnd().Split('\n')[^1].TrimEnd('\r'));

        var readBack = await cli.Run([.. hint.Trim().Split(' ').Skip(1), "--output", "json"]);

        Assert.True(readBack.ExitCode == ExitCodes.Success, readBack.ToString());
        var events = JsonDocument.Parse(readBack.Out).RootElement.EnumerateArray().ToList();
        Assert.All(events, e => Assert.Equal(cli.Cloud.CallerArn, e.GetProperty("actor").GetString()));
        Assert.All(events.Where(e => e.GetProperty("action").GetString() is AuditAction.RunStarted or AuditAction.RunFinished),
            e => Assert.Equal(cli.Cloud.CallerAccount, e.GetProperty("accountId").GetString()));
        Assert.Equal(3, events.Count(e => e.GetProperty("action").GetString() == "CreateKey" && e.GetProperty("outcome").GetString() == "Succeeded"));
        Assert.Single(events, e => e.GetProperty("action").GetString() == "DeactivateKey" && e.GetProperty("accessKeyId").GetString() == "AKIACIEXAMPLE0000001");
        Assert.All(cli.Cloud.IssuedSecrets, secret => Assert.DoesNotContain(secret, readBack.Out, StringComparison.Ordinal));
    }

    [DynaliteFact]
    public async Task Plan_AfterRun_WithTheTableKeepsTheDeactivatedKeyWithoutItWouldDeleteIt()
    {
        var table = await ArrangeAsync();
        var run = await cli.Run(["run", "--external-id", AwsCli.ExternalId, "--confirm", "--audit-table", table, .. Policy]);
        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());

        var withTable = await cli.Run(["plan", "--external-id", AwsCli.ExternalId, "--audit-table", table, "--output", "json", .. Policy]);
        var withoutTable = await cli.Run(["plan", "--external-id", AwsCli.ExternalId, "--output", "json", .. Policy]);

        Assert.True(withTable.ExitCode == ExitCodes.Success, withTable.ToString());
        Assert.DoesNotContain(ReportRow.From(withTable.Json()), r => r.IsMutation);
        // The in-memory trail does not know the key was deactivated a moment ago: the warning's point.
        Assert.Contains(ReportRow.From(withoutTable.Json()), r => r is { Action: "DeleteKey", AccessKeyId: "AKIACIEXAMPLE0000001" });
        Assert.Contains("warning: no --audit-table", withoutTable.Error, StringComparison.Ordinal);
    }
}
