using Amazon.DynamoDBv2.Model;
using KeyRotation.Aws.Audit;
using KeyRotation.Aws.Tests.Audit.Dynalite;
using KeyRotation.Core.Audit;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Tests.Audit;

[Collection(DynaliteCollection.Name)]
public sealed class DynamoDbAuditLogWriteTests(DynaliteFixture dynalite)
{
    private Task<string> Table() => dynalite.TableForAsync(GetType());

    private async Task<List<AuditEvent>> ReadAccount(string table, string account)
    {
        using var log = dynalite.Log(table);
        return await log.QueryAsync(new AuditQuery { AccountId = account }, CancellationToken.None).ToListAsync();
    }

    private async Task<List<Dictionary<string, AttributeValue>>> RawItems(string table, string account)
    {
        var response = await dynalite.Client.QueryAsync(new QueryRequest
        {
            TableName = table,
            KeyConditionExpression = "pk = :pk",
            ExpressionAttributeValues = new() { [":pk"] = new AttributeValue { S = "ACCOUNT#" + account } },
        });
        return response.Items ?? [];
    }

    [DynaliteFact]
    public async Task AppendAsync_EveryFieldSet_RoundTripsUnchanged()
    {
        var table = await Table();
        var written = AuditEvents.Full("300000000001");
        using var log = dynalite.Log(table);

        await log.AppendAsync([written], CancellationToken.None);

        var read = Assert.Single(await ReadAccount(table, written.AccountId));
        Assert.Equal(written, read);
        Assert.Equal(written.OccurredAt.UtcTicks, read.OccurredAt.UtcTicks);
        Assert.Equal(written.LastUsedAt!.Value.UtcTicks, read.LastUsedAt!.Value.UtcTicks);
    }

    [DynaliteFact]
    public async Task AppendAsync_OnlyRequiredFields_RoundTripsWithAbsentOptionals()
    {
        var table = await Table();
        var written = AuditEvents.Make(AuditEvents.T0, account: "300000000002", user: null, key: null,
            action: AuditAction.RunStarted, reason: null);
        using var log = dynalite.Log(table);

        await log.AppendAsync([written], CancellationToken.None);

        Assert.Equal(written, Assert.Single(await ReadAccount(table, written.AccountId)));
        var item = Assert.Single(await RawItems(table, written.AccountId));
        Assert.DoesNotContain("userKey", item.Keys);
        Assert.DoesNotContain("accessKeyId", item.Keys);
        Assert.DoesNotContain("keyAgeDays", item.Keys);
    }

    [DynaliteFact]
    public async Task AppendAsync_EmptyOptionalStrings_RoundTripAsEmpty()
    {
        var table = await Table();
        var written = AuditEvents.Make(AuditEvents.T0, account: "300000000003") with { Detail = "", Error = "" };
        using var log = dynalite.Log(table);

        await log.AppendAsync([written], CancellationToken.None);

        Assert.Equal(written, Assert.Single(await ReadAccount(table, written.AccountId)));
    }

    [DynaliteFact]
    public async Task AppendAsync_SameEventTwice_LeavesOneItem()
    {
        var table = await Table();
        var e = AuditEvents.Make(AuditEvents.T0, account: "300000000004");
        using var log = dynalite.Log(table);

        await log.AppendAsync([e, e], CancellationToken.None);
        await log.AppendAsync([e], CancellationToken.None);

        Assert.Single(await RawItems(table, e.AccountId));
    }

    [DynaliteFact]
    public async Task AppendAsync_ExistingEventId_LeavesStoredItemAsItWas()
    {
        var table = await Table();
        var first = AuditEvents.Make(AuditEvents.T0, account: "300000000005") with { Detail = "first" };
        using var log = dynalite.Log(table);

        await log.AppendAsync([first], CancellationToken.None);
        await log.AppendAsync([first with { Detail = "second" }], CancellationToken.None);

        Assert.Equal("first", Assert.Single(await ReadAccount(table, first.AccountId)).Detail);
    }

    [DynaliteFact]
    public async Task AppendAsync_ManyEvents_WritesEachOnce()
    {
        var table = await Table();
        var events = Enumerable.Range(0, 40)
            .Select(i => AuditEvents.Make(AuditEvents.T0.AddSeconds(i), account: "300000000006", sequence: i)).ToList();
        using var log = dynalite.Log(table, new DynamoDbAuditLogOptions { MaxParallelWrites = 4 });

        await log.AppendAsync(events, CancellationToken.None);

        Assert.Equal(events, await ReadAccount(table, "300000000006"));
    }

    [DynaliteFact]
    public async Task AppendAsync_OneEventWithEmptyAccessKeyId_ThrowsBeforeWritingAny()
    {
        var table = await Table();
        var good = AuditEvents.Make(AuditEvents.T0, account: "300000000007");
        var bad = AuditEvents.Make(AuditEvents.T0, account: "300000000007", sequence: 1) with { AccessKeyId = "" };
        using var log = dynalite.Log(table);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync([good, bad], CancellationToken.None));

        Assert.Contains("accessKeyId", error.Message);
        Assert.Contains(bad.EventId, error.Message);
        Assert.Empty(await RawItems(table, "300000000007"));
    }

    [DynaliteFact]
    public async Task EnsureWritableAsync_ActiveAuditTable_SucceedsWithoutWriting()
    {
        var table = await Table();
        using var log = dynalite.Log(table);

        await log.EnsureWritableAsync(CancellationToken.None);

        var probe = await dynalite.Client.ScanAsync(new ScanRequest
        {
            TableName = table, FilterExpression = "begins_with(pk, :p)",
            ExpressionAttributeValues = new() { [":p"] = new AttributeValue { S = "PROBE" } },
        });
        Assert.Empty(probe.Items ?? []);
    }

    [DynaliteFact]
    public async Task EnsureWritableAsync_MissingTable_ThrowsNotFoundNamingTableAndEndpoint()
    {
        using var log = dynalite.Log("no-such-audit-table");

        var error = await Assert.ThrowsAsync<ServiceException>(() => log.EnsureWritableAsync(CancellationToken.None));

        Assert.Equal(FailureKind.NotFound, error.Kind);
        Assert.Contains("'no-such-audit-table'", error.Message);
        Assert.Contains(dynalite.Endpoint, error.Message);
    }

    [DynaliteFact]
    public async Task EnsureWritableAsync_TableWithOtherKeys_ThrowsSchemaMismatch()
    {
        var name = "not-audit-" + Guid.NewGuid().ToString("N");
        await dynalite.Client.CreateTableAsync(new CreateTableRequest
        {
            TableName = name, BillingMode = "PAY_PER_REQUEST",
            AttributeDefinitions = [new AttributeDefinition { AttributeName = "id", AttributeType = "S" }],
            KeySchema = [new KeySchemaElement { AttributeName = "id", KeyType = "HASH" }],
        });
        using var log = dynalite.Log(name);

        var error = await WaitForActiveThenEnsure(log);

        Assert.Equal("TableSchemaMismatch", error.Code);
        Assert.Contains($"'{name}'", error.Message);
    }

    private static async Task<ServiceException> WaitForActiveThenEnsure(DynamoDbAuditLog log)
    {
        for (var i = 0; ; i++)
        {
            var error = await Assert.ThrowsAsync<ServiceException>(() => log.EnsureWritableAsync(CancellationToken.None));
            if (error.Code != "TableNotActive" || i == 100) return error;
            await Task.Delay(20);
        }
    }
}
