using KeyRotation.Aws.Audit;
using KeyRotation.Aws.Tests.Audit.Dynalite;
using KeyRotation.Core.Audit;
using Microsoft.Extensions.Time.Testing;

namespace KeyRotation.Aws.Tests.Audit;

[Collection(DynaliteCollection.Name)]
public sealed class DynamoDbAuditLogQueryTests(DynaliteFixture dynalite)
{
    /// <summary>Two items per page, so every answer longer than two spans several pages.</summary>
    private const int PageSize = 2;

    private async Task<List<AuditEvent>> Run(AuditQuery query, DynamoDbAuditLogOptions? options = null)
    {
        var table = await dynalite.TableForAsync(GetType(),
            log => log.AppendAsync(QueryDataset.Events, CancellationToken.None));
        using var log = dynalite.Log(table, options ?? new DynamoDbAuditLogOptions { PageSize = PageSize },
            new FakeTimeProvider(QueryDataset.Now));
        return await log.QueryAsync(query, CancellationToken.None).ToListAsync();
    }

    [DynaliteTheory]
    [InlineData("all")]
    [InlineData("account")]
    [InlineData("account+user")]
    [InlineData("user")]
    [InlineData("key")]
    [InlineData("key+since")]
    [InlineData("run")]
    [InlineData("run+until")]
    [InlineData("run+user")]
    [InlineData("action")]
    [InlineData("since")]
    [InlineData("until")]
    [InlineData("since+until")]
    [InlineData("since+until+action")]
    [InlineData("account+since+until")]
    [InlineData("everything")]
    public async Task QueryAsync_Pattern_ReturnsMatchesOldestFirstAcrossPages(string name)
    {
        var query = QueryDataset.Named(name);
        var expected = QueryDataset.Expected(query);

        var actual = await Run(query);

        Assert.True(expected.Count > PageSize, $"'{name}' must need more than one page to prove paging");
        Assert.Equal(expected, actual);
    }

    [DynaliteTheory]
    [InlineData("key+otherAccount")]
    [InlineData("since>=until")]
    public async Task QueryAsync_NothingMatches_ReturnsEmpty(string name)
    {
        Assert.Empty(await Run(QueryDataset.Named(name)));
    }

    [DynaliteTheory]
    [InlineData("limit", 5)]
    [InlineData("limit+scan", 4)]
    public async Task QueryAsync_Limit_ReturnsOldestMatchesUpToLimit(string name, int limit)
    {
        var query = QueryDataset.Named(name);

        var actual = await Run(query);

        Assert.Equal(limit, actual.Count);
        Assert.Equal(QueryDataset.Expected(query), actual);
    }

    [DynaliteFact]
    public async Task QueryAsync_SinceAtAnEventsInstant_IncludesIt()
    {
        var edge = QueryDataset.Events[10];

        var actual = await Run(new AuditQuery { Since = edge.OccurredAt, Until = QueryDataset.Events[12].OccurredAt });

        Assert.Equal([edge, QueryDataset.Events[11]], actual);
    }

    [DynaliteFact]
    public async Task QueryAsync_UntilAtAnEventsInstant_ExcludesIt()
    {
        var edge = QueryDataset.Events[12];

        var actual = await Run(new AuditQuery { AccountId = edge.AccountId, Until = edge.OccurredAt });

        Assert.DoesNotContain(edge, actual);
        Assert.Equal(QueryDataset.Events.Take(12).Where(e => e.AccountId == edge.AccountId), actual);
    }

    [DynaliteTheory]
    [InlineData("since+until")]
    [InlineData("since")]
    public async Task QueryAsync_RangeWiderThanDayCap_FallsBackToScanWithSameAnswer(string name)
    {
        var query = QueryDataset.Named(name);

        var actual = await Run(query, new DynamoDbAuditLogOptions { PageSize = PageSize, MaxDayPartitions = 1 });

        Assert.Equal(QueryDataset.Expected(query), actual);
    }

    [DynaliteFact]
    public async Task QueryAsync_ScanBeyondCap_ThrowsAskingForNarrowerCriteria()
    {
        var error = await Assert.ThrowsAsync<AuditQueryTooBroadException>(() =>
            Run(new AuditQuery { Action = "CreateKey" }, new DynamoDbAuditLogOptions { MaxScanItems = 10, PageSize = 5 }));

        Assert.Contains("Narrow it", error.Message);
    }
}
