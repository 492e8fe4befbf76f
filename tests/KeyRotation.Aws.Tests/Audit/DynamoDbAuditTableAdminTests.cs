using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using KeyRotation.Aws.Audit;
using KeyRotation.Aws.Tests.Audit.Dynalite;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Tests.Audit;

[Collection(DynaliteCollection.Name)]
public sealed class DynamoDbAuditTableAdminTests(DynaliteFixture dynalite)
{
    private static string NewName() => "admin-" + Guid.NewGuid().ToString("N");

    [DynaliteFact]
    public async Task CreateAsync_NoTable_CreatesActiveOnDemandTableWithAllIndexes()
    {
        var name = NewName();
        using var admin = dynalite.Admin(name);

        var outcome = await admin.CreateAsync(CancellationToken.None);

        Assert.Equal(AuditTableCreation.Created, outcome);
        var table = (await dynalite.Client.DescribeTableAsync(name)).Table;
        Assert.Equal(TableStatus.ACTIVE, table.TableStatus);
        Assert.Equal(BillingMode.PAY_PER_REQUEST, table.BillingModeSummary?.BillingMode);
        Assert.Equal(
            ["byAccessKey:accessKeyId", "byDay:day", "byRun:runId", "byUser:userKey"],
            table.GlobalSecondaryIndexes!.Select(g => $"{g.IndexName}:{g.KeySchema![0].AttributeName}").Order());
        Assert.All(table.GlobalSecondaryIndexes!, g =>
        {
            Assert.Equal(ProjectionType.ALL, g.Projection!.ProjectionType);
            Assert.Equal("sk", g.KeySchema![1].AttributeName);
        });
        Assert.Empty(AuditTableCheck.SchemaProblems(table, includeIndexes: true));
    }

    [DynaliteFact]
    public async Task CreateAsync_TableAlreadyThere_ReportsAlreadyExistsAndLeavesItWorking()
    {
        var name = NewName();
        using var admin = dynalite.Admin(name);
        await admin.CreateAsync(CancellationToken.None);
        using var log = dynalite.Log(name);
        await log.AppendAsync([AuditEvents.Make(AuditEvents.T0)], CancellationToken.None);

        var outcome = await admin.CreateAsync(CancellationToken.None);

        Assert.Equal(AuditTableCreation.AlreadyExists, outcome);
        Assert.Single(await log.QueryAsync(new() { AccountId = AuditEvents.AccountA }, CancellationToken.None).ToListAsync());
    }

    [DynaliteFact]
    public async Task CreateAsync_OtherTableWithThatName_ThrowsNamingTheDifference()
    {
        var name = NewName();
        await dynalite.Client.CreateTableAsync(new CreateTableRequest
        {
            TableName = name, BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new AttributeDefinition { AttributeName = "pk", AttributeType = "S" },
                new AttributeDefinition { AttributeName = "sk", AttributeType = "S" }],
            KeySchema = [new KeySchemaElement { AttributeName = "pk", KeyType = "HASH" },
                new KeySchemaElement { AttributeName = "sk", KeyType = "RANGE" }],
        });
        using var admin = dynalite.Admin(name);

        var error = await Assert.ThrowsAsync<ServiceException>(() => admin.CreateAsync(CancellationToken.None));

        Assert.Equal("TableSchemaMismatch", error.Code);
        Assert.Contains($"'{name}'", error.Message);
        Assert.Contains("index 'byRun' is missing", error.Message);
    }
}
