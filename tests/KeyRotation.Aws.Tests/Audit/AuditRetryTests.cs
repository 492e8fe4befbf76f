using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using KeyRotation.Aws.Audit;
using KeyRotation.Aws.Configuration;
using KeyRotation.Aws.Tests.Audit.Dynalite;
using KeyRotation.Aws.Tests.Support;
using KeyRotation.Core.Audit;
using KeyRotation.Engine.Composition;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Resilience;
using KeyRotation.Engine.Resilience.Retry;
using KeyRotation.Engine.Runs;

namespace KeyRotation.Aws.Tests.Audit;

/// <summary>
/// One retry layer for the audit store too: a run's DynamoDB client sends each request once and the engine's audit
/// pipeline retries the append, so each audit request is attempted at most 1 + MaxRetryAttempts times; and an append
/// retried after a request that landed but whose answer was lost neither writes twice nor fails on its own first write.
/// </summary>
[Collection(DynaliteCollection.Name)]
public sealed class AuditRetryTests(DynaliteFixture dynalite)
{
    private const int MaxRetries = 2;

    private static ResilienceOptions Options => ResilienceOptions.Default with { Retry = new RetryOptions { MaxRetryAttempts = MaxRetries } };

    private sealed class NoJitter : Random
    {
        protected override double Sample() => 0;

        public override double NextDouble() => 0;
    }

    private static StubResponse? ThrottlePutItem(StubRequest request) =>
        request.SigningService == "dynamodb" && request.Action == "PutItem"
            ? FakeAwsCloud.JsonError(400, "ProvisionedThroughputExceededException", "The level of configured provisioned throughput for the table was exceeded.")
            : null;

    [Fact]
    public async Task RunAuditLog_EveryPutItemThrottled_SentOncePlusMaxRetries()
    {
        using var rig = AwsTestRig.Create(cloud => cloud.Fault = ThrottlePutItem);
        using var auditLog = rig.Adapters.CreateAuditLog("audit");
        var services = EngineComposition.Compose(rig.Adapters.Ports(auditLog), rig.Adapters.Settings.ToEngineOptions(Options), rig.Time, new NoJitter());

        var error = await Assert.ThrowsAsync<ServiceException>(() => services.AuditLog.AppendAsync([Event("e-1")], CancellationToken.None));

        Assert.Equal(FailureKind.Throttling, error.Kind);
        Assert.Equal(1 + MaxRetries, rig.Cloud.Requests.Count(r => r.Action == "PutItem"));
    }

    [Fact]
    public async Task AuditTableOfASimulatedRun_EveryPutItemThrottled_SentOncePlusMaxRetriesWhateverTheSdkSetting()
    {
        var cloud = new FakeAwsCloud(TimeProvider.System) { Fault = ThrottlePutItem };
        using var server = new StubHttpServer(cloud.Handle);
        // The audit commands' SDK retries (default 2) do not apply to a run's log: the pipeline is its retry.
        using var auditLog = DynamoDbAuditLog.CreateForRun(
            new AuditStoreSettings("audit", "us-east-1", server.Url().ToString()) { MaxErrorRetry = 2 }, TimeProvider.System);
        using var rig = AwsTestRig.Create();
        var services = EngineComposition.WithAuditLog(AwsTestRig.Bare(rig.Adapters), auditLog, Options, TimeProvider.System, new NoJitter());

        var error = await Assert.ThrowsAsync<ServiceException>(() => services.AuditLog.AppendAsync([Event("e-1")], CancellationToken.None));

        Assert.Equal(FailureKind.Throttling, error.Kind);
        Assert.Equal(1 + MaxRetries, cloud.Requests.Count(r => r.Action == "PutItem"));
    }

    [DynaliteFact]
    public async Task Append_AnswerLostAfterTheWriteLanded_RetriedOnceAndWrittenOnce()
    {
        var table = await dynalite.CreateTableAsync(nameof(AuditRetryTests));
        var transport = new LoseFirstPutItemAnswer(new SocketsHttpHandler());
        var config = new AmazonDynamoDBConfig
        {
            ServiceURL = dynalite.Endpoint,
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
            HttpClientFactory = new TransportHttpClientFactory(transport),
        };
        using var auditLog = new DynamoDbAuditLog(new AmazonDynamoDBClient(DynaliteFixture.Credentials, config), table, TimeProvider.System);
        using var rig = AwsTestRig.Create();
        var services = EngineComposition.WithAuditLog(AwsTestRig.Bare(rig.Adapters), auditLog, Options, TimeProvider.System, new NoJitter());

        await services.AuditLog.AppendAsync([Event("e-lost-answer")], CancellationToken.None);

        Assert.Equal(2, transport.PutItems);
        var items = await dynalite.Client.ScanAsync(new ScanRequest { TableName = table, Select = Select.COUNT });
        Assert.Equal(1, items.Count);
    }

    private static AuditEvent Event(string id) => new()
    {
        EventId = id,
        OccurredAt = DateTimeOffset.Parse("2025-06-01T00:00:00Z"),
        RunId = "run-1",
        AccountId = "111111111111",
        Action = "RunStarted",
        Outcome = "Succeeded",
        ToolVersion = "0.1.0",
    };

    /// <summary>Sends every request; the first PutItem reaches the table, then its answer is lost on the way back.</summary>
    private sealed class LoseFirstPutItemAnswer(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private int putItems;

        public int PutItems => putItems;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var isPut = request.Headers.TryGetValues("X-Amz-Target", out var targets) && targets.Single().EndsWith(".PutItem", StringComparison.Ordinal);
            if (isPut && Interlocked.Increment(ref putItems) == 1)
            {
                response.Dispose();
                throw new HttpRequestException("the connection was reset before the answer arrived");
            }

            return response;
        }
    }
}
