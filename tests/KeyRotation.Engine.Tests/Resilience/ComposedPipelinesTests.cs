using KeyRotation.Core.Audit;
using KeyRotation.Engine.Accounts;
using KeyRotation.Engine.Composition;
using KeyRotation.Engine.Notifications;
using KeyRotation.Engine.Organization;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Resilience.Audit;
using KeyRotation.Engine.Resilience.Breakers;
using KeyRotation.Engine.Resilience.Operations;
using KeyRotation.Engine.Resilience.Pipelines;
using KeyRotation.Engine.Resilience.Retry;
using KeyRotation.Engine.Runs;
using KeyRotation.Engine.Tests.Organization;
using KeyRotation.Engine.Resilience;
using KeyRotation.Simulation.Ports;
using Microsoft.Extensions.Time.Testing;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Testing;

namespace KeyRotation.Engine.Tests.Resilience;

/// <summary>What <see cref="EngineComposition.Compose"/> puts around each port of a run, over operation-level fakes.</summary>
public class ComposedPipelinesTests
{
    private readonly FakeTimeProvider time = new();

    private static WorldPorts World(FakeTimeProvider time) =>
        new(new FakeOrganizations(), new FakeSts(), new FakeAuditLog(new CallScript(), []), time)
        {
            Sns = new FakeSns(new CallScript()),
            TopicArn = "arn:aws:sns:us-east-1:111111111111:t",
        };

    [Fact]
    public void Compose_AnyWorld_PutsAPipelineAroundEveryPortKeepsTimeAndSetsRetries()
    {
        var composed = EngineComposition.Compose(World(time), EngineOptions.Default, time, new Random(7));

        Assert.IsType<ResilientOrganizationsOperations>(Assert.IsType<OrganizationDirectory>(composed.Directory).Operations);
        Assert.IsType<ResilientStsOperations>(Assert.IsType<MemberAccountAccess>(composed.AccountAccess).Sts);
        Assert.IsType<ResilientSnsOperations>(Assert.IsType<SnsNotifier>(composed.Notifier).Operations);
        Assert.IsType<ResilientAuditLog>(composed.AuditLog);
        Assert.Same(time, composed.Time);
        Assert.NotNull(composed.Retries);
    }

    [Fact]
    public void Compose_RetryBudget_CheckedCreatesGetTheSameBudget()
    {
        var options = new EngineOptions { Resilience = ResilienceOptions.Default with { Retry = new RetryOptions { MaxRetryAttempts = 9 } } };

        var composed = EngineComposition.Compose(World(time), options, time, new Random(7));

        Assert.Equal((3, 10), (EngineComposition.Bare(World(time), options, time).CreateAttempts, composed.CreateAttempts));
    }

    [Fact]
    public void Compose_InvalidOptions_ThrowsNamingField()
    {
        var options = new EngineOptions { Resilience = new ResilienceOptions { Breaker = new BreakerOptions { FailuresBeforeGivingUp = 0 } } };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => EngineComposition.Compose(World(time), options, time, new Random(1)));

        Assert.Equal("FailuresBeforeGivingUp", error.ParamName);
    }

    [Fact]
    public async Task Compose_MemberOperationsThrottled_RetriedAndTallied()
    {
        var harness = new Harness();
        harness.Sts.For("111111111111").Fault = (op, n) => n == 0 && op is "AssumeRole" or "PutSecretValue"
            ? CallScript.Error(FailureKind.Throttling)
            : null;

        var operations = await Drive(harness, harness.OpenAsync("111111111111"));
        await Drive(harness, operations.SecretsManager.PutSecretValueAsync("alice", new SecretText("x"), "token", CancellationToken.None));

        Assert.Equal("111111111111", operations.AccountId);
        Assert.Equal(2, harness.Tally.Count);
    }

    [Fact]
    public async Task Compose_NotifierAuditAndOrganizationsTransient_Retried()
    {
        var harness = new Harness();
        harness.Notifications.Fault = (_, n) => n == 0 ? new HttpRequestException("reset") : null;
        harness.Audit.Fault = (_, n) => n == 0 ? CallScript.Error(FailureKind.Transient) : null;
        harness.Organizations.Fault = (operation, _) => operation == "ListRoots" && harness.Organizations.Count("ListRoots") == 1
            ? CallScript.Error(FailureKind.Throttling)
            : null;
        var composed = harness.Services;

        await Drive(harness, composed.Notifier.PublishAsync(new Notification("s", "m", new Dictionary<string, string>()), CancellationToken.None));
        await Drive(harness, composed.AuditLog.EnsureWritableAsync(CancellationToken.None));
        await Drive(harness, composed.AuditLog.AppendAsync([], CancellationToken.None));
        await Drive(harness, composed.AuditLog.LastDeactivationsAsync("111111111111", ["AKIA1"], CancellationToken.None));
        await Drive(harness, composed.Directory.ListAccountsAsync(CancellationToken.None));

        Assert.Equal(2, harness.Notifications.Calls("Publish"));
        Assert.Equal(2, harness.Audit.Calls("EnsureWritable"));
        Assert.Equal(2, harness.Audit.Calls("Append"));
        Assert.Equal(2, harness.Audit.Calls("LastDeactivations"));
        // Each Organizations operation is retried alone: the throttled ListRoots once, nothing else again.
        var organizations = harness.Organizations;
        Assert.Equal((2, 1, 1), (organizations.Count("ListRoots"), organizations.Count("ListOrganizationalUnitsForParent"), organizations.Count("ListAccountsForParent")));
        Assert.Equal(5, harness.Tally.Count);
    }

    [Fact]
    public async Task Compose_WorldWithOrganizationsTurns_EveryOrganizationsRequestTakesATurn()
    {
        var turns = new InMemoryOrganizationsTurns();
        var harness = new Harness(organizationsTurns: turns);
        var start = harness.Time.GetUtcNow();

        await Drive(harness, harness.Services.Directory.ListAccountsAsync(CancellationToken.None));

        // ListRoots, ListOrganizationalUnitsForParent, ListAccountsForParent: three turns, half a second apart at 2/s
        // (the first two at once, as a burst of 2 allows), so the next free turn is one second after the start.
        Assert.Equal(3, harness.Organizations.Requests.Count);
        Assert.Equal(start + TimeSpan.FromSeconds(1), turns.Next);
    }

    [Fact]
    public async Task Compose_OrganizationsTurnsFailTransiently_RequestRetriedThroughThePipeline()
    {
        var turns = new FailingTurns(new InMemoryOrganizationsTurns());
        var harness = new Harness(organizationsTurns: turns);

        await Drive(harness, harness.Services.Directory.ListAccountsAsync(CancellationToken.None));

        Assert.Equal(3, harness.Organizations.Requests.Count);
        Assert.Equal(1, harness.Tally.Count);
    }

    [Fact]
    public async Task Compose_OrganizationsTurnsAlwaysFailing_GivesUpAfterOnePlusMaxRetriesAndSendsNothing()
    {
        var turns = new FailingTurns(new InMemoryOrganizationsTurns()) { Always = true };
        var harness = new Harness(new ResilienceOptions { Retry = new RetryOptions { MaxRetryAttempts = 2 } }, organizationsTurns: turns);

        var listing = harness.Services.Directory.ListAccountsAsync(CancellationToken.None);
        await harness.DriveAsync(Task.WhenAny(listing), TimeSpan.FromMilliseconds(50));

        Assert.Equal(FailureKind.Transient, (await Assert.ThrowsAsync<ServiceException>(() => listing)).Kind);
        // The store failing is the Organizations request's attempt failing: 3 tries, no multiplication, and no request
        // sent without a turn.
        Assert.Equal(3, turns.Calls);
        Assert.Empty(harness.Organizations.Requests);
    }

    private sealed class FailingTurns(IOrganizationsTurns inner) : IOrganizationsTurns
    {
        private int calls;

        /// <summary>Fail every take, not only the first.</summary>
        public bool Always { get; init; }

        public int Calls => calls;

        public string Name => inner.Name;

        public Task<DateTimeOffset?> TryTakeNextAsync(TimeSpan interval, DateTimeOffset earliest, DateTimeOffset latest, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref calls) == 1 || Always
                ? throw new ServiceException("DynamoDB", "UpdateItem", "InternalServerError", FailureKind.Transient, 500)
                : inner.TryTakeNextAsync(interval, earliest, latest, cancellationToken);

        public Task<bool> TryRestartAsync(DateTimeOffset next, DateTimeOffset earliest, DateTimeOffset latest, CancellationToken cancellationToken) =>
            inner.TryRestartAsync(next, earliest, latest, cancellationToken);
    }

    [Fact]
    public async Task Notifier_Failing_NeverGivesAnAccountUp()
    {
        var harness = new Harness();
        harness.Notifications.Fault = (_, _) => CallScript.Error(FailureKind.Final);

        for (var i = 0; i < 10; i++)
        {
            await Assert.ThrowsAsync<ServiceException>(
                () => harness.Services.Notifier.PublishAsync(new Notification("s", "m", new Dictionary<string, string>()), CancellationToken.None));
        }

        await harness.Services.AccountAccess.OpenAsync("111111111111", CancellationToken.None);
    }

    [Fact]
    public async Task IdentifyCaller_FirstCallThrottled_RetriedThroughTheStsPipeline()
    {
        var harness = new Harness();
        harness.Sts.Central.Fault = (_, n) => n == 0 ? CallScript.Error(FailureKind.Throttling) : null;

        var caller = await Drive(harness, EngineComposition.IdentifyCallerAsync(harness.Services, CancellationToken.None));

        Assert.Equal("999999999999", caller.Account);
        Assert.Equal(2, harness.Sts.Central.Calls("GetCallerIdentity"));
        Assert.Equal(1, harness.Tally.Count);
    }

    [Fact]
    public async Task IdentifyCaller_AlwaysThrottled_FailsAfterOnePlusMaxRetries()
    {
        var harness = new Harness(new ResilienceOptions { Retry = new RetryOptions { MaxRetryAttempts = 2 } });
        harness.Sts.Central.Fault = (_, _) => CallScript.Error(FailureKind.Throttling);

        var call = EngineComposition.IdentifyCallerAsync(harness.Services, CancellationToken.None);
        await harness.DriveAsync(Task.WhenAny(call), TimeSpan.FromMilliseconds(50));

        Assert.Equal(FailureKind.Throttling, (await Assert.ThrowsAsync<ServiceException>(() => call)).Kind);
        Assert.Equal(3, harness.Sts.Central.Calls("GetCallerIdentity"));
    }

    [Fact]
    public async Task Query_FailsBeforeFirstEvent_RetriedWithoutDuplicates()
    {
        var events = Events(3);
        var audit = new CallScript { Fault = (op, n) => op == "Query" && n == 0 ? CallScript.Error(FailureKind.Throttling) : null };
        var harness = new Harness(auditLog: new FakeAuditLog(audit, events));

        var read = await Drive(harness, harness.Services.AuditLog.QueryAsync(new AuditQuery(), CancellationToken.None).ToListAsync().AsTask());

        Assert.Equal(events, read);
        Assert.Equal(2, audit.Calls("Query"));
    }

    [Fact]
    public async Task Query_FailsAfterFirstEvent_PassedOnNotRestarted()
    {
        var audit = new CallScript { Fault = (op, _) => op == "QueryItem" ? CallScript.Error(FailureKind.Throttling) : null };
        var wrapped = new Harness(auditLog: new FakeAuditLog(audit, Events(3)) { QueryFailsAfter = 1 }).Services;
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
        var wrapped = new Harness().Services;

        var read = await wrapped.AuditLog.QueryAsync(new AuditQuery(), CancellationToken.None).ToListAsync();

        Assert.Empty(read);
    }

    [Fact]
    public void Pipelines_PerService_RetryOutsideRateLimiterWhereLimited()
    {
        var pipelines = ServicePipelines.Build(ResilienceOptions.Default.Retry, ResilienceOptions.Default.RateLimits, new RetryTally(), time, () => 0);

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

    private static async Task<T> Drive<T>(Harness harness, Task<T> task)
    {
        await harness.DriveAsync(task, TimeSpan.FromMilliseconds(50));
        return await task;
    }

    private static Task Drive(Harness harness, Task task) => harness.DriveAsync(task, TimeSpan.FromMilliseconds(50));

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
