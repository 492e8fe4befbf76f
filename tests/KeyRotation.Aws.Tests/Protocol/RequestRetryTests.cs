using KeyRotation.Aws.Configuration;
using KeyRotation.Aws.Protocol;
using KeyRotation.Aws.Tests.Support;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Resilience;

namespace KeyRotation.Aws.Tests.Protocol;

/// <summary>The protocol clients' per-request retry, against the stub cloud. Jitter is zero, so no wait needs the clock.</summary>
public sealed class RequestRetryTests
{
    private const string Alice = "alice";

    private sealed class NoJitter : Random
    {
        protected override double Sample() => 0;

        public override double NextDouble() => 0;
    }

    private sealed class FixedJitter(double fraction) : Random
    {
        protected override double Sample() => fraction;

        public override double NextDouble() => fraction;
    }

    /// <summary>Answers the first <paramref name="times"/> requests for <paramref name="action"/> with the error.</summary>
    private static Func<StubRequest, StubResponse?> FailNext(string action, int times, Func<StubResponse> error)
    {
        var left = times;
        return r => r.Action == action && Interlocked.Decrement(ref left) >= 0 ? error() : null;
    }

    [Fact]
    public async Task ListAccounts_PageThrottled_OnlyThatPageSentAgain()
    {
        var tally = new RetryTally();
        using var rig = AwsTestRig.Create(cloud =>
            {
                cloud.AccountsPageSize = 1;
                cloud.Fault = FailNext("ListAccountsForParent", 1, () => FakeAwsCloud.JsonError(400, "TooManyRequestsException", "slow down"));
            },
            AwsTestRig.Settings with { MaxRequestRetries = 3, MaxOrganizationsRequestRetries = 3 }, retries: tally, random: new NoJitter());

        var accounts = await rig.Adapters.Directory.ListAccountsAsync(CancellationToken.None);

        Assert.Equal(4, accounts.Count);
        var pages = rig.Cloud.Requests.Where(r => r.Action == "ListAccountsForParent" && r.JsonString("ParentId") == FakeAwsCloud.RootId)
            .Select(r => r.JsonString("NextToken")).ToList();
        Assert.Equal([null, null], pages.Take(2));
        Assert.Equal(pages.Count - 1, pages.Distinct().Count());
        Assert.Equal(1, tally.Count);
    }

    [Fact]
    public async Task ListAccounts_EveryRequestThrottledSixTimes_DefaultRetriesStillListEverything()
    {
        // Organizations listing is one port call of many requests in a row; past the 3 retries other services get,
        // one request running out would restart the listing, and sustained throttling would fail every restart.
        var tally = new RetryTally();
        var attempts = 0;
        var defaults = new AwsSettings { RunId = "run-1" };
        using var rig = AwsTestRig.Create(
            cloud => cloud.Fault = r => r.SigningService == "organizations" && Interlocked.Increment(ref attempts) % 7 != 0
                ? FakeAwsCloud.JsonError(400, "TooManyRequestsException", "slow down")
                : null,
            AwsTestRig.Settings with { MaxOrganizationsRequestRetries = defaults.MaxOrganizationsRequestRetries },
            retries: tally, random: new NoJitter());

        var accounts = await rig.Adapters.Directory.ListAccountsAsync(CancellationToken.None);

        Assert.Equal(4, accounts.Count);
        Assert.Equal(attempts, rig.Cloud.Requests.Count(r => r.SigningService == "organizations"));
        Assert.Equal(0, attempts % 7);
        Assert.Equal(6 * (attempts / 7), tally.Count);
    }

    [Fact]
    public void ShouldRetry_OtherServicesError_NotRetried()
    {
        var policy = new RequestRetryPolicy(3, TimeProvider.System, new NoJitter());
        var sts = new ServiceException("STS", "AssumeRole", "Throttling", FailureKind.Throttling, 400);
        var iam = new ServiceException("IAM", "ListUsers", "Throttling", FailureKind.Throttling, 400);
        var denied = new ServiceException("IAM", "ListUsers", "AccessDenied", FailureKind.AccessDenied, 403);

        Assert.False(policy.ShouldRetry(sts, "IAM", "ListUsers", 0));
        Assert.True(policy.ShouldRetry(iam, "IAM", "ListUsers", 2));
        Assert.False(policy.ShouldRetry(iam, "IAM", "ListUsers", 3));
        Assert.False(policy.ShouldRetry(denied, "IAM", "ListUsers", 0));
    }

    [Theory]
    [InlineData(0, 50)]
    [InlineData(2, 200)]
    [InlineData(5, 1600)]
    [InlineData(6, 2500)]
    [InlineData(30, 2500)]
    public void Delay_HalfJitter_HalfOfCappedExponential(int retriesSoFar, int expectedMilliseconds)
    {
        var policy = new RequestRetryPolicy(3, TimeProvider.System, new FixedJitter(0.5));

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), policy.Delay(retriesSoFar));
    }
}
