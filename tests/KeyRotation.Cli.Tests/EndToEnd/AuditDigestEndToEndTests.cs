using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using KeyRotation.Aws.Tests.Audit.Dynalite;
using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Tests.Support;
using KeyRotation.Testing.Moto;

namespace KeyRotation.Cli.Tests.EndToEnd;

/// <summary>
/// The real CLI, sealing into moto's S3 (Object Lock, compliance mode) while the audit table is dynalite: two
/// servers, reached through --endpoint-url (the table) and $AWS_ENDPOINT_URL_S3 (the bucket). The table is then
/// rewritten behind the tool's back, and <c>audit verify</c> must name every change.
/// </summary>
[Collection(DynaliteCollection.Name)]
public sealed class AuditDigestEndToEndTests(DynaliteFixture dynalite, MotoServer moto) : IClassFixture<MotoServer>
{
    private async Task<(string Table, string Bucket, Dictionary<string, string> Variables)> SetUpAsync(string name)
    {
        var table = await dynalite.CreateTableAsync(name);
        var bucket = await MotoLockedBucket.CreateAsync(moto, $"{name}-{Guid.NewGuid():N}"[..40]);
        return (table, bucket, new Dictionary<string, string> { ["AWS_ENDPOINT_URL_S3"] = moto.Endpoint });
    }

    private async Task<CliRun> RunAsync(Dictionary<string, string> variables, string table, string bucket, string runId, TempFiles files)
    {
        var simulation = files.Write($"{runId}.json", SampleOrganization.Json);
        return await CliRun.With(variables, "run", "--simulation", simulation, "--as-of", SampleOrganization.AsOf, "--run-id", runId,
            "--audit-table", table, "--endpoint-url", dynalite.Endpoint, "--region", "us-east-1", "--audit-digest-bucket", bucket);
    }

    private Task<CliRun> VerifyAsync(Dictionary<string, string> variables, string table, string bucket, params string[] extra) =>
        CliRun.With(variables, ["audit", "verify", "--table", table, "--endpoint-url", dynalite.Endpoint, "--region", "us-east-1",
            "--audit-digest-bucket", bucket, .. extra]);

    [DynaliteAndMotoFact]
    public async Task Verify_UntouchedRuns_ExitsZeroAndVerifiesEachRun()
    {
        var (table, bucket, variables) = await SetUpAsync("digest-clean");
        using var files = new TempFiles();
        var first = await RunAsync(variables, table, bucket, "sealed-1", files);
        var second = await RunAsync(variables, table, bucket, "sealed-2", files);

        var verify = await VerifyAsync(variables, table, bucket);

        Assert.Equal((0, 0), (first.ExitCode, second.ExitCode));
        Assert.Contains("Note: audit trail sealed: digest 1 of ", first.Out, StringComparison.Ordinal);
        Assert.Contains("Note: audit trail sealed: digest 2 of ", second.Out, StringComparison.Ordinal);
        Assert.Equal((ExitCodes.Success, ""), (verify.ExitCode, verify.Error));
        Assert.Contains($"Digest chain: 2 digests in S3 bucket '{bucket}'.", verify.Out, StringComparison.Ordinal);
        Assert.EndsWith("Verified: 2 runs match their digests and every link of the chain holds.", verify.Out.TrimEnd(), StringComparison.Ordinal);
    }

    [DynaliteAndMotoFact]
    public async Task Verify_TableRewritten_NamesTheChangedDeletedAndAddedEventAndExitsNotVerified()
    {
        var (table, bucket, variables) = await SetUpAsync("digest-tampered");
        using var files = new TempFiles();
        Assert.Equal(0, (await RunAsync(variables, table, bucket, "tampered", files)).ExitCode);
        var items = (await dynalite.Client.ScanAsync(new ScanRequest { TableName = table })).Items
            .OrderBy(i => i["eventId"].S, StringComparer.Ordinal).ToList();
        var changed = items.First(i => i["action"].S == "CreateKey");
        var deleted = items.First(i => i["action"].S == "DeactivateKey");
        const string added = "ffffffffffffffffffffffffffffffff";
        await dynalite.Client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = table, Key = Key(changed), UpdateExpression = "SET outcome = :o",
            ExpressionAttributeValues = new() { [":o"] = new AttributeValue { S = "Failed" } },
        });
        await dynalite.Client.DeleteItemAsync(new DeleteItemRequest { TableName = table, Key = Key(deleted) });
        var forged = new Dictionary<string, AttributeValue>(items[0])
        {
            ["eventId"] = new() { S = added }, ["sk"] = new() { S = items[0]["sk"].S.Split('#')[0] + "#" + added },
        };
        await dynalite.Client.PutItemAsync(new PutItemRequest { TableName = table, Item = forged });

        var verify = await VerifyAsync(variables, table, bucket, "--run", "tampered", "--output", "json");
        var table_ = await VerifyAsync(variables, table, bucket);

        Assert.Equal((ExitCodes.AuditNotVerified, ExitCodes.AuditNotVerified), (verify.ExitCode, table_.ExitCode));
        var json = JsonDocument.Parse(verify.Out).RootElement;
        Assert.False(json.GetProperty("intact").GetBoolean());
        var findings = json.GetProperty("findings").EnumerateArray()
            .Select(f => (f.GetProperty("kind").GetString(), f.GetProperty("eventId").GetString())).OrderBy(f => f.Item1).ToList();
        Assert.Equal([("EventAdded", added), ("EventChanged", changed["eventId"].S), ("EventMissing", deleted["eventId"].S)], findings);
        Assert.Contains("NOT VERIFIED: 3 findings (1 EventAdded, 1 EventChanged, 1 EventMissing).", table_.Out, StringComparison.Ordinal);
    }

    [DynaliteAndMotoFact]
    public async Task Run_AuditTableWithoutDigestBucket_WorksAndSaysNotSealed_VerifyReportsItUnsealed()
    {
        var (table, bucket, variables) = await SetUpAsync("digest-unsealed");
        using var files = new TempFiles();
        var simulation = files.Write("org.json", SampleOrganization.Json);
        await RunAsync(variables, table, bucket, "sealed", files);

        var unsealed = await CliRun.With(variables, "run", "--simulation", simulation, "--as-of", SampleOrganization.AsOf,
            "--run-id", "unsealed", "--audit-table", table, "--endpoint-url", dynalite.Endpoint, "--region", "us-east-1");
        var verify = await VerifyAsync(variables, table, bucket, "--run", "unsealed");

        Assert.Equal(0, unsealed.ExitCode);
        Assert.Contains("Note: audit trail not sealed: no --audit-digest-bucket", unsealed.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.AuditNotVerified, verify.ExitCode);
        Assert.Contains("RunUnsealed", verify.Out, StringComparison.Ordinal);
    }

    private static Dictionary<string, AttributeValue> Key(Dictionary<string, AttributeValue> item) =>
        new() { ["pk"] = item["pk"], ["sk"] = item["sk"] };
}

/// <summary>Needs both emulators; skipped, with the reason shown, where either is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class DynaliteAndMotoFactAttribute : FactAttribute
{
    public DynaliteAndMotoFactAttribute()
    {
        if ((DynaliteLocator.SkipReason ?? MotoServer.SkipReason) is { } reason) Skip = reason;
    }
}
