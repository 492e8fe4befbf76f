using KeyRotation.Aws.Tests.Support;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Resilience;
using KeyRotation.Engine.Sweep;

namespace KeyRotation.Aws.Tests.Flow;

/// <summary>
/// The real Organizations and SNS clients under the engine's pipeline, against the stub cloud: an operation whose
/// every request is throttled goes on the wire exactly 1 + MaxRetryAttempts times. The clients send each request
/// once; only the pipeline retries.
/// </summary>
public sealed class OneRetryLayerTests
{
    private static RotationServices Wrapped(AwsTestRig rig, int maxRetries, RetryTally tally) => ResilientServices.Wrap(
        new RotationServices(rig.Adapters.Directory, rig.Adapters.AccountAccess, rig.Adapters.Notifier, new MemoryAuditLog(), TimeProvider.System),
        new ResilienceOptions
        {
            // Millisecond backoffs and no pacing to speak of, so the real clock costs nothing.
            Retry = new RetryOptions { MaxRetryAttempts = maxRetries, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(1) },
            RateLimits = new RateLimitOptions { OrganizationsRequestsPerSecond = 10_000, OrganizationsBurst = 10_000 },
        },
        tally, TimeProvider.System, new Random(1));

    private static int Requests(AwsTestRig rig, string service, string action) =>
        rig.Cloud.Requests.Count(r => r.SigningService == service && r.Action == action);

    [Theory]
    [InlineData("ListRoots", 0)]
    [InlineData("ListOrganizationalUnitsForParent", 2)]
    [InlineData("ListAccountsForParent", 3)]
    [InlineData("ListTagsForResource", 6)]
    public async Task ListAccounts_OperationAlwaysThrottled_SentOncePlusMaxRetries(string action, int maxRetries)
    {
        using var rig = AwsTestRig.Create(cloud => cloud.Fault = r => r.SigningService == "organizations" && r.Action == action
            ? FakeAwsCloud.JsonError(400, "TooManyRequestsException", "AWS Organizations can't complete your request because another request is already in progress.")
            : null);
        var tally = new RetryTally();

        var error = await Assert.ThrowsAsync<ServiceException>(() => Wrapped(rig, maxRetries, tally).Directory.ListAccountsAsync(CancellationToken.None));

        Assert.Equal((FailureKind.Throttling, action), (error.Kind, error.Operation));
        Assert.Equal(1 + maxRetries, Requests(rig, "organizations", action));
        Assert.Equal(maxRetries, tally.Count);
    }

    [Theory]
    [InlineData("DescribeAccount", 3)]
    [InlineData("ListParents", 1)]
    public async Task DescribeAccount_OperationAlwaysThrottled_SentOncePlusMaxRetries(string action, int maxRetries)
    {
        using var rig = AwsTestRig.Create(cloud => cloud.Fault = r => r.SigningService == "organizations" && r.Action == action
            ? FakeAwsCloud.JsonError(400, "TooManyRequestsException", "slow down")
            : null);

        await Assert.ThrowsAsync<ServiceException>(() =>
            Wrapped(rig, maxRetries, new RetryTally()).Directory.DescribeAccountAsync(SmallOrganization.Web, CancellationToken.None));

        Assert.Equal(1 + maxRetries, Requests(rig, "organizations", action));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public async Task Publish_AlwaysThrottled_SentOncePlusMaxRetries(int maxRetries)
    {
        using var rig = AwsTestRig.Create(cloud => cloud.Fault = r => r.SigningService == "sns"
            ? FakeAwsCloud.QueryError("sns", 400, "Throttling", "Rate exceeded")
            : null);
        var tally = new RetryTally();

        var error = await Assert.ThrowsAsync<ServiceException>(() => Wrapped(rig, maxRetries, tally).Notifier.PublishAsync(
            new Notification("Key rotated", "done", new Dictionary<string, string> { ["event"] = "KeyCreated" }), CancellationToken.None));

        Assert.Equal(FailureKind.Throttling, error.Kind);
        Assert.Equal(1 + maxRetries, Requests(rig, "sns", "Publish"));
        Assert.Equal(maxRetries, tally.Count);
        Assert.Empty(rig.Cloud.Published);
    }
}
