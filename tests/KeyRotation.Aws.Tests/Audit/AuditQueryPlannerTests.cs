using KeyRotation.Aws.Audit;
using KeyRotation.Core.Audit;

namespace KeyRotation.Aws.Tests.Audit;

public sealed class AuditQueryPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static AuditQueryPlan Plan(AuditQuery q, int maxDays = 400) => AuditQueryPlanner.Plan(q, Now, maxDays);

    private static string[] Filters(AuditQueryPlan p) => p.Filters.Select(f => $"{f.Key}={f.Value}").ToArray();

    [Fact]
    public void Plan_AccessKeyWithEverythingElse_UsesKeyIndexAndFiltersTheRest()
    {
        var plan = Plan(new AuditQuery { AccessKeyId = "AKIA1", RunId = "r", AccountId = "1", UserName = "u", Action = "CreateKey" });

        Assert.Equal(("byAccessKey", "accessKeyId", "AKIA1"), (plan.IndexName, plan.PartitionAttribute, plan.PartitionValues.Single()));
        Assert.Equal(["accountId=1", "userName=u", "runId=r", "action=CreateKey"], Filters(plan));
    }

    [Fact]
    public void Plan_RunAndAccount_UsesRunIndexAndFiltersAccount()
    {
        var plan = Plan(new AuditQuery { RunId = "r", AccountId = "1" });

        Assert.Equal(("byRun", "r"), (plan.IndexName, plan.PartitionValues.Single()));
        Assert.Equal(["accountId=1"], Filters(plan));
    }

    [Fact]
    public void Plan_AccountAndUser_UsesUserIndexWithNoFilter()
    {
        var plan = Plan(new AuditQuery { AccountId = "1", UserName = "alice" });

        Assert.Equal(("byUser", "userKey", "1#alice"), (plan.IndexName, plan.PartitionAttribute, plan.PartitionValues.Single()));
        Assert.Empty(plan.Filters);
    }

    [Fact]
    public void Plan_AccountOnly_QueriesBaseTablePartition()
    {
        var plan = Plan(new AuditQuery { AccountId = "1", Action = "Warn" });

        Assert.Equal((null, "pk", "ACCOUNT#1"), (plan.IndexName, plan.PartitionAttribute, plan.PartitionValues.Single()));
        Assert.Equal(["action=Warn"], Filters(plan));
    }

    [Fact]
    public void Plan_UserWithoutAccountAndSince_QueriesEachDayUpToNowAndFiltersUser()
    {
        var plan = Plan(new AuditQuery { UserName = "alice", Since = Now.AddDays(-2).AddHours(-13) });

        Assert.Equal("byDay", plan.IndexName);
        Assert.Equal(["2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29"], plan.PartitionValues);
        Assert.Equal(["userName=alice"], Filters(plan));
    }

    [Fact]
    public void Plan_UntilAtMidnight_DoesNotQueryThatDay()
    {
        var plan = Plan(new AuditQuery { Since = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), Until = new(2026, 11, 3, 0, 0, 0, TimeSpan.Zero) });

        Assert.Equal(["2026-11-01", "2026-11-02"], plan.PartitionValues);
        Assert.Equal(("2026-11-01T00:00:00.0000000Z", "2026-11-03T00:00:00.0000000Z"), (plan.SortFrom, plan.SortTo));
    }

    [Fact]
    public void Plan_SinceWithOffset_UsesUtcDays()
    {
        var plan = Plan(new AuditQuery { Since = new(2026, 11, 29, 1, 0, 0, TimeSpan.FromHours(3)), Until = Now });

        Assert.Equal(["2026-11-28", "2026-11-29"], plan.PartitionValues);
    }

    [Fact]
    public void Plan_RangeBeyondDayCap_Scans()
    {
        var plan = Plan(new AuditQuery { Since = Now.AddDays(-10), Action = "Warn" }, maxDays: 5);

        Assert.True(plan.IsScan);
        Assert.NotNull(plan.SortFrom);
        Assert.Equal(["action=Warn"], Filters(plan));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Plan_NoPartitionCriterion_Scans(bool withUntil)
    {
        var plan = Plan(new AuditQuery { UserName = "bob", Until = withUntil ? Now : null });

        Assert.True(plan.IsScan);
        Assert.Equal(withUntil ? AuditTime.Format(Now) : null, plan.SortTo);
        Assert.Equal(["userName=bob"], Filters(plan));
    }

    [Theory]
    [InlineData("accountId")]
    [InlineData("userName")]
    [InlineData("runId")]
    public void Plan_BlankCriterion_ThrowsNamingField(string field)
    {
        var query = field switch
        {
            "accountId" => new AuditQuery { AccountId = " " },
            "userName" => new AuditQuery { UserName = "" },
            _ => new AuditQuery { RunId = "" },
        };

        var error = Assert.Throws<ArgumentException>(() => Plan(query));

        Assert.Contains(field, error.Message);
    }

    [Fact]
    public void Plan_NegativeLimit_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Plan(new AuditQuery { Limit = -1 }));
    }
}
