using KeyRotation.Aws.Tests.Support;
using KeyRotation.Engine.Composition;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Resilience.Retry;
using KeyRotation.Engine.Resilience;
using KeyRotation.Engine.Runs;
using KeyRotation.Engine.Sweep;

namespace KeyRotation.Aws.Tests.Flow;

/// <summary>
/// One retry layer, around each operation: the AWS adapters behind the engine's pipelines, with every request of one
/// operation throttled by the HTTP stub, send that operation exactly 1 + MaxRetryAttempts times (no SDK or
/// per-request retry underneath, none above).
/// </summary>
public sealed class OperationRetryOverHttpTests
{
    private const int MaxRetries = 2;

    private sealed class NoJitter : Random
    {
        protected override double Sample() => 0;

        public override double NextDouble() => 0;
    }

    private static StubResponse Throttled(StubRequest request) => request.SigningService switch
    {
        "secretsmanager" => FakeAwsCloud.JsonError(400, "ThrottlingException", "Rate exceeded"),
        var service => FakeAwsCloud.QueryError(service ?? "iam", 400, "Throttling", "Rate exceeded"),
    };

    private static (AwsTestRig Rig, RotationServices Services) Create(string operation)
    {
        var rig = AwsTestRig.Create(cloud => cloud.Fault = r => r.Action == operation ? Throttled(r) : null,
            AwsTestRig.Settings with { Discovery = new() { Mode = DiscoveryMode.Bulk } });
        var options = ResilienceOptions.Default with { Retry = new RetryOptions { MaxRetryAttempts = MaxRetries } };
        return (rig, EngineComposition.Compose(rig.Adapters.Ports(new MemoryAuditLog()), rig.Adapters.Settings.ToEngineOptions(options),
            rig.Time, new NoJitter()));
    }

    [Theory]
    [InlineData("AssumeRole")]
    [InlineData("GetAccessKeyInfo")]
    [InlineData("GetAccountAuthorizationDetails")]
    [InlineData("GenerateCredentialReport")]
    [InlineData("GetUser")]
    [InlineData("ListAccessKeys")]
    [InlineData("GetAccessKeyLastUsed")]
    [InlineData("CreateAccessKey")]
    [InlineData("DescribeSecret")]
    [InlineData("CreateSecret")]
    [InlineData("PutResourcePolicy")]
    public async Task Operation_EveryRequestThrottled_SentOncePlusMaxRetries(string operation)
    {
        var (rig, services) = Create(operation);
        using var _ = rig;

        var error = await Assert.ThrowsAsync<ServiceException>(async () =>
        {
            if (operation == "GetAccessKeyInfo")
            {
                await services.AccessKeyInfo!.AccountOfAccessKeyAsync("AKIAALICEEXAMPLE0001", CancellationToken.None);
                return;
            }

            var session = await services.AccountAccess.OpenAsync(SmallOrganization.Web, CancellationToken.None);
            switch (operation)
            {
                case "GetAccountAuthorizationDetails" or "GenerateCredentialReport":
                    await session.Identity.DiscoverUsersAsync(CancellationToken.None);
                    break;
                case "GetUser" or "ListAccessKeys" or "GetAccessKeyLastUsed":
                    await session.Identity.ReadUserAsync("alice", CancellationToken.None);
                    break;
                case "CreateAccessKey":
                    await session.Identity.CreateAccessKeyAsync("carol", CancellationToken.None);
                    break;
                case "DescribeSecret":
                    await session.Secrets.DescribeAsync("alice", CancellationToken.None);
                    break;
                default:
                    await session.Secrets.StoreAccessKeyAsync("alice",
                        new NewAccessKey("AKIANEWEXAMPLE000001", new SecretText("not-a-real-secret-EXAMPLE"), rig.Time.GetUtcNow()),
                        CancellationToken.None);
                    break;
            }
        });

        Assert.Equal(FailureKind.Throttling, error.Kind);
        Assert.Equal(1 + MaxRetries, rig.Cloud.Requests.Count(r => r.Action == operation));
    }
}
