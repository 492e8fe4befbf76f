using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using KeyRotation.Aws.Pacing;
using KeyRotation.Aws.Tests.Audit.Dynalite;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Tests.Pacing;

/// <summary>
/// The turns item against dynalite, one fresh table per test: each call is one conditional UpdateItem whose condition
/// failing is an answer, and concurrent takers share the one number without a duplicate or a gap.
/// </summary>
[Collection(DynaliteCollection.Name)]
public sealed class DynamoDbOrganizationsTurnsTests(DynaliteFixture dynalite)
{
    // Sub-millisecond digits, so that a conversion that lost them would show.
    private static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 12, 7, 15, 0, 0, TimeSpan.Zero).AddTicks(1_234_560);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    [DynaliteFact]
    public async Task TryRestartAsync_EmptyTable_SetsNextAndReturnsTrue()
    {
        using var turns = await NewTurnsAsync();

        var restarted = await turns.TryRestartAsync(T0, T0 - Window, T0 + Window, CancellationToken.None);

        Assert.True(restarted);
        Assert.Equal(T0, await NextAsync(turns));
    }

    [DynaliteFact]
    public async Task TryRestartAsync_NextInsideWindow_ReturnsFalseAndLeavesIt()
    {
        using var turns = await NewTurnsAsync();
        Assert.True(await turns.TryRestartAsync(T0, T0 - Window, T0 + Window, CancellationToken.None));

        var again = await turns.TryRestartAsync(T0 + Interval, T0 - Window, T0 + Window, CancellationToken.None);

        Assert.False(again);
        Assert.Equal(T0, await NextAsync(turns));
    }

    [DynaliteTheory]
    [InlineData(-1)]
    [InlineData(1)]
    public async Task TryRestartAsync_NextOutsideWindow_SetsItAndReturnsTrue(int side)
    {
        using var turns = await NewTurnsAsync();
        var stale = T0 + side * (Window + Interval);
        Assert.True(await turns.TryRestartAsync(stale, stale, stale, CancellationToken.None));

        var restarted = await turns.TryRestartAsync(T0, T0 - Window, T0 + Window, CancellationToken.None);

        Assert.True(restarted);
        Assert.Equal(T0, await NextAsync(turns));
    }

    [DynaliteFact]
    public async Task TryTakeNextAsync_NextInsideWindow_ReturnsItAndMovesItByInterval()
    {
        using var turns = await NewTurnsAsync();
        Assert.True(await turns.TryRestartAsync(T0, T0, T0, CancellationToken.None));

        var first = await turns.TryTakeNextAsync(Interval, T0 - Window, T0 + Window, CancellationToken.None);
        var second = await turns.TryTakeNextAsync(Interval, T0 - Window, T0 + Window, CancellationToken.None);

        Assert.Equal(T0, first);
        Assert.Equal(T0 + Interval, second);
        Assert.Equal(T0 + 2 * Interval, await NextAsync(turns));
    }

    [DynaliteFact]
    public async Task TryTakeNextAsync_NextOnTheWindowsEdges_TakesIt()
    {
        using var turns = await NewTurnsAsync();
        Assert.True(await turns.TryRestartAsync(T0, T0, T0, CancellationToken.None));

        Assert.Equal(T0, await turns.TryTakeNextAsync(Interval, T0, T0 + Window, CancellationToken.None));
        Assert.Equal(T0 + Interval, await turns.TryTakeNextAsync(Interval, T0 - Window, T0 + Interval, CancellationToken.None));
    }

    [DynaliteTheory]
    [InlineData(-1)]
    [InlineData(1)]
    public async Task TryTakeNextAsync_NextOutsideWindow_ReturnsNullAndLeavesIt(int side)
    {
        using var turns = await NewTurnsAsync();
        var next = T0 + side * (Window + TimeSpan.FromMicroseconds(1));
        Assert.True(await turns.TryRestartAsync(next, next, next, CancellationToken.None));

        var taken = await turns.TryTakeNextAsync(Interval, T0 - Window, T0 + Window, CancellationToken.None);

        Assert.Null(taken);
        Assert.Equal(next, await NextAsync(turns));
    }

    [DynaliteFact]
    public async Task TryTakeNextAsync_NoTurnYet_ReturnsNullAndWritesNothing()
    {
        using var turns = await NewTurnsAsync();

        var taken = await turns.TryTakeNextAsync(Interval, DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, CancellationToken.None);

        Assert.Null(taken);
        Assert.Null(await NextAsync(turns));
    }

    /// <summary>
    /// 20 takers x 5 takes at once: 100 distinct turns, each exactly one interval after the one before, from the first
    /// on. The interval, 1,234.5 microseconds, is taken as 1,235 (the nearest microsecond).
    /// </summary>
    [DynaliteFact]
    public async Task TryTakeNextAsync_TwentyConcurrentTakers_DistinctTurnsExactlyOneIntervalApart()
    {
        using var turns = await NewTurnsAsync();
        Assert.True(await turns.TryRestartAsync(T0, T0, T0, CancellationToken.None));
        var interval = TimeSpan.FromTicks(12_345);
        var spacing = TimeSpan.FromMicroseconds(1_235);

        var taken = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            var mine = new List<DateTimeOffset>();
            for (var i = 0; i < 5; i++)
            {
                mine.Add(await turns.TryTakeNextAsync(interval, T0, T0 + Window, CancellationToken.None)
                    ?? throw new InvalidOperationException("a turn inside the window was refused"));
            }
            return mine;
        })));

        var all = taken.SelectMany(t => t).Order().ToList();
        Assert.Equal(Enumerable.Range(0, 100).Select(i => T0 + i * spacing), all);
        Assert.Equal(T0 + 100 * spacing, await NextAsync(turns));
        Assert.All(taken, mine => Assert.Equal(mine.Order(), mine)); // each taker's turns come later each time
    }

    [DynaliteFact]
    public async Task TryTakeNextAsync_NoSuchTable_ThrowsNotFoundNamingTheTable()
    {
        var table = "turns-missing-" + Guid.NewGuid().ToString("N");
        using var turns = new DynamoDbOrganizationsTurns(dynalite.Client, table);

        var error = await Assert.ThrowsAsync<ServiceException>(() =>
            turns.TryTakeNextAsync(Interval, T0, T0 + Window, CancellationToken.None));

        Assert.Equal(("UpdateItem", FailureKind.NotFound), (error.Operation, error.Kind));
        Assert.Contains($"Organizations turns table '{table}'", error.Message);
        Assert.Contains(dynalite.Endpoint, error.Message);
        Assert.DoesNotContain(DynaliteFixture.Credentials.GetCredentials().SecretKey, error.Message);
    }

    [DynaliteFact]
    public async Task TryRestartAsync_NoSuchTable_ThrowsNotFoundNamingTheTable()
    {
        var table = "turns-missing-" + Guid.NewGuid().ToString("N");
        using var turns = new DynamoDbOrganizationsTurns(dynalite.Client, table);

        var error = await Assert.ThrowsAsync<ServiceException>(() =>
            turns.TryRestartAsync(T0, T0, T0 + Window, CancellationToken.None));

        Assert.Equal(FailureKind.NotFound, error.Kind);
        Assert.Contains($"Organizations turns table '{table}'", error.Message);
    }

    private async Task<DynamoDbOrganizationsTurns> NewTurnsAsync()
    {
        var table = "turns-" + Guid.NewGuid().ToString("N");
        await dynalite.Client.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new AttributeDefinition(DynamoDbOrganizationsTurns.PartitionKey, ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement(DynamoDbOrganizationsTurns.PartitionKey, KeyType.HASH)],
        });
        for (var wait = 0; (await dynalite.Client.DescribeTableAsync(table)).Table.TableStatus != TableStatus.ACTIVE; wait++)
        {
            if (wait == 200) throw new TimeoutException($"table {table} did not become ACTIVE");
            await Task.Delay(20);
        }
        return new DynamoDbOrganizationsTurns(dynalite.Client, table);
    }

    /// <summary>The stored number, read directly (the adapter itself never reads it).</summary>
    private async Task<DateTimeOffset?> NextAsync(DynamoDbOrganizationsTurns turns)
    {
        var item = (await dynalite.Client.GetItemAsync(new GetItemRequest
        {
            TableName = turns.Name,
            Key = new() { [DynamoDbOrganizationsTurns.PartitionKey] = new AttributeValue { S = DynamoDbOrganizationsTurns.ItemKey } },
            ConsistentRead = true,
        })).Item;
        return item is { Count: > 0 } && item.TryGetValue(DynamoDbOrganizationsTurns.NextAttribute, out var next)
            ? DateTimeOffset.UnixEpoch.AddTicks(long.Parse(next.N) * 10)
            : null;
    }
}
