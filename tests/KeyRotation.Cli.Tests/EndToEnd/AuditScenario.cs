using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using KeyRotation.Aws.Audit;
using KeyRotation.Aws.Tests.Audit.Dynalite;
using KeyRotation.Cli.Tests.Support;
using KeyRotation.Core.Audit;

namespace KeyRotation.Cli.Tests.EndToEnd;

/// <summary>
/// What a user does on a fresh clone, on real command lines against dynalite, with only
/// AWS_ENDPOINT_URL_DYNAMODB set: <c>audit create-table</c>, then the demo into the table twice (same seed, so
/// the same accounts and keys, four days apart). Then every stored item, read with a raw Scan: the ground truth
/// the <c>keyrotation audit</c> queries are held to.
/// </summary>
internal sealed record AuditScenario(
    string Table,
    IReadOnlyDictionary<string, string> Variables,
    CliRun CreateTable,
    CliRun EarlierDemo,
    CliRun LaterDemo,
    IReadOnlyList<Dictionary<string, AttributeValue>> Items)
{
    public const string EarlierAsOf = "2026-11-25T08:00:00Z";

    /// <summary>Every stored event, in sort-key order (time, then event id): the order queries return.</summary>
    public IReadOnlyList<AuditEvent> Stored { get; } =
        Items.OrderBy(i => i["sk"].S, StringComparer.Ordinal).Select(AuditItemMapper.FromItem).ToArray();

    public string EarlierRunId => EarlierDemo.Json().GetProperty("runId").GetString()!;

    public string LaterRunId => LaterDemo.Json().GetProperty("runId").GetString()!;

    /// <summary>Every secret either simulated organization generated: stored for users, or issued by IAM.</summary>
    public IReadOnlyList<string> Secrets =>
        new[] { EarlierDemo, LaterDemo }.SelectMany(run => run.Worlds)
            .SelectMany(w => w.SecretVault.Secrets.Select(s => s.Key.SecretAccessKey.Reveal())
                .Concat(w.IssuedKeys.Select(k => k.Key.SecretAccessKey.Reveal())))
            .Distinct().ToArray();

    public static async Task<AuditScenario> RunAsync(DynaliteFixture dynalite)
    {
        var table = $"e2e-{Guid.NewGuid():N}";
        var variables = new Dictionary<string, string> { ["AWS_ENDPOINT_URL_DYNAMODB"] = dynalite.Endpoint };
        var create = await CliRun.With(variables, "audit", "create-table", "--table", table);
        var earlier = await CliRun.With(variables, "demo", "--audit-table", table, "--as-of", EarlierAsOf, "--output", "json");
        var later = await CliRun.With(variables, "demo", "--audit-table", table, "--output", "json");
        return new AuditScenario(table, variables, create, earlier, later, await ScanAsync(dynalite.Client, table));
    }

    /// <summary>Runs <c>keyrotation audit CRITERIA --table T --output FORMAT</c> as the user would after the demo.</summary>
    public Task<CliRun> AuditAsync(string format, params string[] criteria) =>
        CliRun.With(Variables, ["audit", .. criteria, "--table", Table, "--output", format]);

    private static async Task<IReadOnlyList<Dictionary<string, AttributeValue>>> ScanAsync(IAmazonDynamoDB client, string table)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await client.ScanAsync(new ScanRequest { TableName = table, ExclusiveStartKey = start, ConsistentRead = true });
            items.AddRange(page.Items ?? []);
            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);
        return items;
    }
}
