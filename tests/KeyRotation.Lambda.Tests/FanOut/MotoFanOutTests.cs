using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using KeyRotation.Aws.Audit;
using KeyRotation.Aws.FanOut;
using KeyRotation.Core.Audit;
using KeyRotation.Lambda.Configuration;
using KeyRotation.Lambda.Tests.Support;
using KeyRotation.Testing.Moto;

namespace KeyRotation.Lambda.Tests.FanOut;

/// <summary>
/// The real bootstrap process against moto, one organization built in it: a sweep, and the state machine's
/// list-targets, rotate-account per item and summarize, each writing to a DynamoDB audit table in moto. Both trails
/// must say the same (start, skipped accounts with their reasons, finish with the same summary), and the
/// fan-out's rotate-account must read each account from Organizations (DescribeAccount, ListParents).
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class MotoFanOutTests(MotoServer moto)
{
    [MotoFact]
    public async Task FanOut_BootstrapAgainstMoto_WritesTheSameAuditEventsAsASweep()
    {
        await moto.ResetAsync();
        using var organization = new MotoOrganization(moto.Endpoint);
        await organization.CreateAsync();
        var workloads = await organization.UnitAsync("Workloads", organization.RootId);
        var legacy = await organization.UnitAsync("Legacy", organization.RootId, ("key-rotation:opt-out", "true"));
        var legacyApps = await organization.UnitAsync("Legacy Apps", legacy);
        await organization.AccountAsync("dev", workloads);
        await organization.AccountAsync("prod", workloads, ("key-rotation:rotate-after-days", "90"));
        await organization.AccountAsync("sandbox", organization.RootId, ("key-rotation:opt-out", "true"));
        var legacyBilling = await organization.AccountAsync("legacy-billing", legacyApps);
        const string sweepTable = "audit-sweep";
        const string fanOutTable = "audit-fan-out";
        await CreateTableAsync(sweepTable);
        await CreateTableAsync(fanOutTable);

        var sweep = await new BootstrapProcess(Environment(sweepTable)).InvokeAsync("""{"mode":"sweep","runId":"moto-run"}""");
        var bucket = await CreateBucketAsync("key-rotation-fan-out");
        using var store = new S3FanOutStore(MotoLockedBucket.Client(moto), bucket, ownsClient: true);
        var summarized = await new StateMachineDriver(new BootstrapProcess(Environment(fanOutTable, bucket)).InvokeAsync, store)
            .RunAsync("moto-run");

        var expected = await TrailAsync(sweepTable);
        Assert.Contains(expected, e => e.Contains(AuditAction.RunStarted, StringComparison.Ordinal));
        Assert.Contains(expected, e => e.Contains(AuditAction.RunFinished, StringComparison.Ordinal));
        Assert.Equal(2, expected.Count(e => e.Contains(" | AccountSkipped | OptOut", StringComparison.Ordinal)));
        SimulatedFanOutTests.AssertSameTrail(expected, await TrailAsync(fanOutTable));
        Assert.Equal(sweep["summary"]!.ToJsonString(), summarized["summary"]!.ToJsonString());

        // Given only the id of an account whose opt-out sits two OUs up, rotate-account finds it in Organizations.
        var tampered = await new BootstrapProcess(Environment(fanOutTable)).InvokeAsync(
            $$"""{"mode":"rotate-account","runId":"moto-run-2","accountId":"{{legacyBilling}}"}""");
        Assert.Equal(("Skipped", "OptOut"), ((string?)tampered["status"], (string?)tampered["reason"]));
    }

    /// <summary>
    /// The fan-out through S3 as the template deploys it: list-targets writes runs/&lt;run&gt;/targets.json into the
    /// bucket in moto and answers only where it is; the driver reads the items from there, invokes rotate-account per
    /// item, writes a manifest and a SUCCEEDED file as Step Functions' ResultWriter does, and summarize reads them
    /// back: the same summary as a sweep of the same organization.
    /// </summary>
    [MotoFact]
    public async Task FanOut_ThroughTheBucketInMoto_SummarizesAsASweep()
    {
        await moto.ResetAsync();
        using var organization = new MotoOrganization(moto.Endpoint);
        await organization.CreateAsync();
        var workloads = await organization.UnitAsync("Workloads", organization.RootId);
        await organization.AccountAsync("dev", workloads);
        await organization.AccountAsync("prod", workloads);
        await organization.AccountAsync("sandbox", organization.RootId, ("key-rotation:opt-out", "true"));
        await CreateTableAsync("audit-sweep");
        await CreateTableAsync("audit-fan-out");
        var bucket = await CreateBucketAsync("key-rotation-fan-out");
        var turns = await CreateTurnsTableAsync("organizations-turns");
        using var store = new S3FanOutStore(MotoLockedBucket.Client(moto), bucket, ownsClient: true);
        var function = new BootstrapProcess(Environment("audit-fan-out", bucket, turns));
        var started = DateTimeOffset.UtcNow;

        var sweep = await new BootstrapProcess(Environment("audit-sweep")).InvokeAsync("""{"mode":"sweep","runId":"moto-run"}""");
        var driver = new StateMachineDriver(function.InvokeAsync, store);
        var summarized = await driver.RunAsync("moto-run");

        var items = JsonNode.Parse(await store.GetAsync("runs/moto-run/targets.json", CancellationToken.None))!.AsArray();
        Assert.Equal(driver.Items.Select(i => (string)i["account"]!["accountId"]!), items.Select(i => (string)i!["accountId"]!));
        Assert.True(items.Count >= 3);
        var manifest = JsonNode.Parse(await store.GetAsync(
            $"runs/moto-run/results/{StateMachineDriver.MapRunId}/manifest.json", CancellationToken.None))!;
        Assert.Equal(bucket, (string)manifest["DestinationBucket"]!);
        SimulatedFanOutTests.AssertSameTrail(await TrailAsync("audit-sweep"), await TrailAsync("audit-fan-out"));
        Assert.Equal(sweep["summary"]!.ToJsonString(), summarized["summary"]!.ToJsonString());
        // Every invocation took its Organizations turns from the table: the next free turn lies after the run began.
        Assert.InRange(await NextTurnAsync(turns), started, DateTimeOffset.UtcNow.AddMinutes(1));
    }

    /// <summary>A bucket that is not there fails list-targets with S3's error naming the bucket and key, and no secret.</summary>
    [MotoFact]
    public async Task ListTargets_FanOutBucketMissing_FailsNamingTheBucketAndKey()
    {
        await moto.ResetAsync();
        using var organization = new MotoOrganization(moto.Endpoint);
        await organization.CreateAsync();
        await organization.AccountAsync("dev", organization.RootId);
        await CreateTableAsync("audit-fan-out");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new BootstrapProcess(Environment("audit-fan-out", "no-such-fan-out-bucket")).InvokeAsync(
                """{"mode":"list-targets","runId":"moto-run"}"""));

        var (type, answer) = ErrorOf(error);
        Assert.Equal("KeyRotation.ServiceError.NotFound", type);
        Assert.Contains("fan-out bucket 'no-such-fan-out-bucket', object 'runs/moto-run/targets.json'", answer, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeEnvironment.Valid()[EnvironmentVariables.ExternalId], error.Message, StringComparison.Ordinal);
    }

    /// <summary>summarize pointed at a manifest that is not there fails naming the bucket and key; RunFinished is not written.</summary>
    [MotoFact]
    public async Task Summarize_ManifestMissing_FailsNamingTheBucketAndKey()
    {
        await moto.ResetAsync();
        await CreateTableAsync("audit-fan-out");
        var bucket = await CreateBucketAsync("key-rotation-fan-out");
        const string key = "runs/moto-run/results/m/manifest.json";

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new BootstrapProcess(Environment("audit-fan-out", bucket)).InvokeAsync(
                $$$"""{"mode":"summarize","runId":"moto-run","resultWriterDetails":{"Bucket":"{{{bucket}}}","Key":"{{{key}}}"}}"""));

        var (type, answer) = ErrorOf(error);
        Assert.Equal("KeyRotation.ServiceError.NotFound", type);
        Assert.Contains($"fan-out bucket '{bucket}', object '{key}'", answer, StringComparison.Ordinal);
        Assert.Empty(await TrailAsync("audit-fan-out"));
    }

    /// <summary>The function's error document (errorType, errorMessage), as the Runtime API got it.</summary>
    private static (string Type, string Message) ErrorOf(InvalidOperationException error)
    {
        var line = error.Message.Split('\n')[0];
        var body = JsonNode.Parse(line[(line.IndexOf("): ", StringComparison.Ordinal) + 3)..])!;
        return ((string)body["errorType"]!, (string)body["errorMessage"]!);
    }

    private async Task<string> CreateBucketAsync(string name)
    {
        using var s3 = MotoLockedBucket.Client(moto);
        await s3.PutBucketAsync(name);
        return name;
    }

    private async Task<string> CreateTurnsTableAsync(string name)
    {
        using var dynamo = DynamoDb();
        await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = name,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new AttributeDefinition("pk", ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement("pk", KeyType.HASH)],
        });
        return name;
    }

    /// <summary>The turns table's one number (microseconds since the epoch), read as the function never does.</summary>
    private async Task<DateTimeOffset> NextTurnAsync(string table)
    {
        using var dynamo = DynamoDb();
        var item = (await dynamo.GetItemAsync(table, new Dictionary<string, AttributeValue> { ["pk"] = new() { S = "organizations" } })).Item;
        Assert.NotNull(item);
        return DateTimeOffset.UnixEpoch.AddTicks(long.Parse(item["next"].N, System.Globalization.CultureInfo.InvariantCulture) * 10);
    }

    private AmazonDynamoDBClient DynamoDb() => new(new BasicAWSCredentials("moto", "moto"),
        new AmazonDynamoDBConfig { ServiceURL = moto.Endpoint, AuthenticationRegion = "us-east-1" });

    private Dictionary<string, string> Environment(string table, string? fanOutBucket = null, string? turnsTable = null)
    {
        var variables = FakeEnvironment.Valid();
        variables[EnvironmentVariables.AuditTable] = table;
        variables[EnvironmentVariables.TopicArn] = "arn:aws:sns:us-east-1:123456789012:key-rotation";
        variables["AWS_REGION"] = "us-east-1";
        variables["AWS_ENDPOINT_URL"] = moto.Endpoint;
        variables["AWS_ACCESS_KEY_ID"] = MotoOrganization.AccessKey;
        variables["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        variables["AWS_EC2_METADATA_DISABLED"] = "true";
        if (fanOutBucket is not null) variables[EnvironmentVariables.FanOutBucket] = fanOutBucket;
        if (turnsTable is not null) variables[EnvironmentVariables.OrganizationsTurnsTable] = turnsTable;
        return variables;
    }

    private AuditStoreSettings Store(string table) => new(table, "us-east-1", moto.Endpoint);

    private async Task CreateTableAsync(string table)
    {
        using var admin = DynamoDbAuditTableAdmin.Create(Store(table), TimeProvider.System);
        await admin.CreateAsync(CancellationToken.None);
    }

    /// <summary>The table's events as SimulatedFanOutTests compares them: what they say, not when.</summary>
    private async Task<string[]> TrailAsync(string table)
    {
        using var log = DynamoDbAuditLog.Create(Store(table), TimeProvider.System);
        var events = new List<string>();
        await foreach (var e in log.QueryAsync(new AuditQuery { RunId = "moto-run" }, CancellationToken.None))
        {
            events.Add(string.Join(" | ", e.EventId, e.AccountId, e.UserName, e.AccessKeyId, e.Action, e.Reason,
                e.Outcome, e.Error, e.Detail, e.Summary));
        }

        return [.. events.Order(StringComparer.Ordinal)];
    }
}
