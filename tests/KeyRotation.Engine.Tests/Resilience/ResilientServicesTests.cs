using KeyRotation.Core.Audit;
using KeyRotation.Engine.Notifications;
using KeyRotation.Engine.Organization;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Tests.Organization;
using KeyRotation.Engine.Resilience;
using KeyRotation.Engine.Sweep;
using Microsoft.Extensions.Time.Testing;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Testing;

namespace KeyRotation.Engine.Tests.Resilience;

public class ResilientServicesTests
{
    private readonly CallScript directory = new();
    private readonly CallScript notifier = new();
    private readonly CallScript audit = new();
    private readonly FakeAccountAccess access = new();
    private readonly FakeTimeProvider time = new();

    private RotationServices Inner(IReadOnlyList<AuditEvent>? events = null) => new(
        new OrganizationDirectory(new FakeOrganizations { Fault = (operation, _) => Hit(directory, operation) }),
        access, new SnsNotifier(new FakeSns(notifier), "arn:aws:sns:us-east-1:111111111111:t"), new FakeAuditLog(audit, events ?? []), time);

    private static Exception? Hit(CallScript script, string operation)
    {
        script.Hit(operation);
        return null;
    }

    private static RotationServices Wrap(RotationServices inner, RetryTally tally) =>
        ResilientServices.Wrap(inner, ResilienceOptions.Default, tally, inner.Time, new Random(7));

    [Fact]
    public void Wrap_AnyServices_DecoratesEveryPortKeepsTimeAndSetsRetries()
    {
        var inner = Inner();
        var tally = new RetryTally();

        var wrapped = Wrap(inner, tally);

        Assert.IsType<ResilientOrganizationsOperations>(Assert.IsType<OrganizationDirectory>(wrapped.Directory).Operations);
        Assert.IsType<ResilientAccountAccess>(wrapped.AccountAccess);
        Assert.IsType<ResilientSnsOperations>(Assert.IsType<SnsNotifier>(wrapped.Notifier).Operations);
        Assert.IsType<ResilientAuditLog>(wrapped.AuditLog);
        Assert.Same(time, wrapped.Time);
        Assert.Same(tally, wrapped.Retries);
    }

    [Fact]
    public void Wrap_RetryBudget_CheckedCreatesGetTheSameBudget()
    {
        var options = ResilienceOptions.Default with { Retry = new RetryOptions { MaxRetryAttempts = 9 } };

        var wrapped = ResilientServices.Wrap(Inner(), options, new RetryTally(), time, new Random(7));

        Assert.Equal((3, 10), (Inner().CreateAttempts, wrapped.CreateAttempts));
    }

    [Fact]
    public void Wrap_InvalidOptions_ThrowsNamingField()
    {
        var options = new ResilienceOptions { Breaker = new BreakerOptions { FailuresBeforeGivingUp = 0 } };

        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => ResilientServices.Wrap(Inner(), options, new RetryTally(), time, new Random(1)));

        Assert.Equal("FailuresBeforeGivingUp", error.ParamName);
    }

    [Fact]
    public async Task Wrap_SessionPortsThrottled_RetriedAndTallied()
    {
        var tally = new RetryTally();
        access.For("111111111111").Fault = (op, n) => n == 0 && op is "AssumeRole" or "StoreAccessKey"
            ? CallScript.Error(FailureKind.Throttling)
            : null;
        var wrapped = Wrap(Inner(), tally);

        var session = await Drive(wrapped.AccountAccess.OpenAsync("111111111111", CancellationToken.None));
        await Drive(session.Secrets.StoreAccessKeyAsync("alice", new NewAccessKey("AKIA1", new SecretText("x"), default), CancellationToken.None));

        Assert.Equal("111111111111", session.AccountId);
        Assert.Equal(2, tally.Count);
    }

    [Fact]
    public async Task Wrap_NotifierAndAuditTransient_Retried()
    {
        var tally = new RetryTally();
        notifier.Fault = (_, n) => n == 0 ? new HttpRequestException("reset") : null;
        audit.Fault = (_, n) => n == 0 ? CallScript.Error(FailureKind.Transient) : null;
        directory.Fault = (operation, n) => operation == "ListRoots" && n == 0 ? CallScript.Error(FailureKind.Throttling) : null;
        var wrapped = Wrap(Inner(), tally);

        await Drive(wrapped.Notifier.PublishAsync(new Notification("s", "m", new Dictionary<string, string>()), CancellationToken.None));
        await Drive(wrapped.AuditLog.EnsureWritableAsync(CancellationToken.None));
        await Drive(wrapped.AuditLog.AppendAsync([], CancellationToken.None));
        await Drive(wrapped.AuditLog.LastDeactivationsAsync("111111111111", ["AKIA1"], CancellationToken.None));
        await Drive(wrapped.Directory.ListAccountsAsync(CancellationToken.None));

        Assert.Equal(2, notifier.Calls("Publish"));
        Assert.Equal(2, audit.Calls("EnsureWritable"));
        Assert.Equal(2, audit.Calls("Append"));
        Assert.Equal(2, audit.Calls("LastDeactivations"));
        // Each Organizations operation is retried alone: the throttled ListRoots once, nothing else again.
        Assert.Equal((2, 1, 1), (directory.Calls("ListRoots"), directory.Calls("ListOrganizationalUnitsForParent"), directory.Calls("ListAccountsForParent")));
        Assert.Equal(5, tally.Count);
    }

    [Fact]
    public async Task Notifier_Failing_NeverGivesAnAccountUp()
    {
        notifier.Fault = (_, _) => CallScript.Error(FailureKind.Final);
        var wrapped = Wrap(Inner(), new RetryTally());

        for (var i = 0; i < 10; i++)
        {
            await Assert.ThrowsAsync<ServiceException>(
                () => wrapped.Notifier.PublishAsync(new Notification("s", "m", new Dictionary<string, string>()), CancellationToken.None));
        }

        await wrapped.AccountAccess.OpenAsync("111111111111", CancellationToken.None);
    }

    [Fact]
    public async Task Query_FailsBeforeFirstEvent_RetriedWithoutDuplicates()
    {
        var events = Events(3);
        audit.Fault = (op, n) => op == "Query" && n == 0 ? CallScript.Error(FailureKind.Throttling) : null;
        var wrapped = Wrap(Inner(events), new RetryTally());

        var read = await Drive(wrapped.AuditLog.QueryAsync(new AuditQuery(), CancellationToken.None).ToListAsync().AsTask());

        Assert.Equal(events, read);
        Assert.Equal(2, audit.Calls("Query"));
    }

    [Fact]
    public async Task Query_FailsAfterFirstEvent_PassedOnNotRestarted()
    {
        var log = new FakeAuditLog(audit, Events(3)) { QueryFailsAfter = 1 };
        audit.Fault = (op, _) => op == "QueryItem" ? CallScript.Error(FailureKind.Throttling) : null;
        var wrapped = Wrap(Inner() with { AuditLog = log }, new RetryTally());
        var read = new List<AuditEvent>();

        await Assert.ThrowsAsync<ServiceException>(async () =>
        {
            await foreach (var e in wrapped.AuditLog.QueryAsync(new AuditQuery(), CancellationToken.None)) read.Add(e);
        });

        Assert.Single(read);
        Assert.Equal(1, audit.Calls("Query"));
    }

    [Fact]
    public async Task Query_NoEvents_YieldsNothing()
    {
        var wrapped = Wrap(Inner(), new RetryTally());

        var read = await wrapped.AuditLog.QueryAsync(new AuditQuery(), CancellationToken.None).ToListAsync();

        Assert.Empty(read);
    }

    [Fact]
    public void Pipelines_PerService_RetryOutsideRateLimiterWhereLimited()
    {
        var pipelines = ServicePipelines.Build(ResilienceOptions.Default, new RetryTally(), time, () => 0);

        Assert.Equal(["iam", "sts", "organizations", "secretsmanager", "sns", "audit"], pipelines.Keys);
        foreach (var (service, pipeline) in pipelines)
        {
            var strategies = pipeline.GetPipelineDescriptor().Strategies;
            var retry = Assert.IsType<RetryStrategyOptions>(strategies[0].Options);
            Assert.Equal(6, retry.MaxRetryAttempts);
            if (service is "iam" or "organizations" or "sts")
            {
                Assert.Equal(2, strategies.Count);
                Assert.IsType<RateLimiterStrategyOptions>(strategies[1].Options);
            }
            else
            {
                Assert.Single(strategies);
            }
        }
    }

    private async Task<T> Drive<T>(Task<T> task)
    {
        await Drive((Task)task);
        return await task;
    }

    /// <summary>Backoff waits run on the fake clock; a seeded draw can be non-zero, so move time until done.</summary>
    private async Task Drive(Task task)
    {
        for (var i = 0; i < 10_000 && !task.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(50));
            await Task.Delay(1);
        }

        await task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static List<AuditEvent> Events(int count) => [.. Enumerable.Range(0, count).Select(i => SampleEvent(i))];

    private static AuditEvent SampleEvent(int i) => new()
    {
        EventId = $"e{i}",
        OccurredAt = DateTimeOffset.UnixEpoch.AddMinutes(i),
        RunId = "run-1",
        AccountId = "111111111111",
        Action = "RunStarted",
        Outcome = "Succeeded",
        ToolVersion = "0.1.0",
    };
}
