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

    private static StubResponse IamThrottling() => FakeAwsCloud.QueryError("iam", 400, "Throttling", "Rate exceeded");

    private static async Task<(AwsTestRig Rig, IIdentityStore Store, RetryTally Tally)> OpenAsync(
        Func<StubRequest, StubResponse?>? fault, int maxRetries = 3)
    {
        var tally = new RetryTally();
        var rig = AwsTestRig.Create(cloud => cloud.Fault = fault,
            AwsTestRig.Settings with { Discovery = new() { Mode = DiscoveryMode.PerKey }, MaxRequestRetries = maxRetries }, retries: tally,
            random: new NoJitter());
        var session = await rig.Adapters.AccountAccess.OpenAsync(SmallOrganization.Web, CancellationToken.None);
        return (rig, session.Identity, tally);
    }

    private static List<StubRequest> Iam(AwsTestRig rig, string? action = null) =>
        [.. rig.Cloud.Requests.Where(r => r.SigningService == "iam" && (action is null || r.Action == action))];

    [Fact]
    public async Task ReadUser_ListAccessKeysThrottledOnce_SucceedsWithOneExtraRequest()
    {
        var (clean, cleanStore, _) = await OpenAsync(null);
        using (clean)
        {
            await cleanStore.ReadUserAsync(Alice, CancellationToken.None);
        }

        var (rig, store, tally) = await OpenAsync(FailNext("ListAccessKeys", 1, IamThrottling));
        using var _ = rig;

        var user = await store.ReadUserAsync(Alice, CancellationToken.None);

        Assert.Equal("AKIAALICE00000000001", Assert.Single(user!.AccessKeys).AccessKeyId);
        Assert.Equal(Iam(clean).Count + 1, Iam(rig).Count);
        Assert.Equal(2, Iam(rig, "ListAccessKeys").Count);
        Assert.Equal(1, tally.Count);
    }

    [Fact]
    public async Task ReadUser_ThrottledBeyondCap_ThrottlingAfterFourRequests()
    {
        var (rig, store, tally) = await OpenAsync(FailNext("ListAccessKeys", int.MaxValue, IamThrottling));
        using var _ = rig;

        var error = await Assert.ThrowsAsync<ServiceException>(() => store.ReadUserAsync(Alice, CancellationToken.None));

        Assert.Equal((FailureKind.Throttling, "ListAccessKeys", "Throttling"), (error.Kind, error.Operation, error.Code));
        Assert.Equal(4, Iam(rig, "ListAccessKeys").Count);
        Assert.Equal(3, tally.Count);
    }

    [Fact]
    public async Task ReadUser_RetriesZero_NotRetried()
    {
        var (rig, store, tally) = await OpenAsync(FailNext("ListAccessKeys", 1, IamThrottling), maxRetries: 0);
        using var _ = rig;

        var error = await Assert.ThrowsAsync<ServiceException>(() => store.ReadUserAsync(Alice, CancellationToken.None));

        Assert.Equal(FailureKind.Throttling, error.Kind);
        Assert.Single(Iam(rig, "ListAccessKeys"));
        Assert.Equal(0, tally.Count);
    }

    [Fact]
    public async Task ReadUser_Retried_EachAttemptSignedAfresh()
    {
        var (rig, store, _) = await OpenAsync(FailNext("ListAccessKeys", 2, IamThrottling));
        using var _ = rig;

        await store.ReadUserAsync(Alice, CancellationToken.None);

        var attempts = Iam(rig, "ListAccessKeys");
        Assert.Equal(3, attempts.Count);
        // The stub sees each attempt's own headers; a reused message would carry the signer's headers twice or none.
        Assert.All(attempts, a => Assert.True(a.IsSigned, a.Authorization));
        Assert.All(attempts, a => Assert.DoesNotContain(",", a.Header("X-Amz-Date") ?? ",", StringComparison.Ordinal));
        Assert.All(attempts, a => Assert.Equal(Alice, a.Field("UserName")));
    }

    [Fact]
    public async Task CreateAccessKey_Http500_NotRetried()
    {
        var (rig, store, tally) = await OpenAsync(FailNext("CreateAccessKey", 1,
            () => FakeAwsCloud.QueryError("iam", 500, "ServiceFailure", "boom")));
        using var _ = rig;

        var error = await Assert.ThrowsAsync<ServiceException>(() => store.CreateAccessKeyAsync("carol", CancellationToken.None));

        Assert.Equal(FailureKind.Transient, error.Kind);
        Assert.Single(Iam(rig, "CreateAccessKey"));
        Assert.Equal(0, tally.Count);
    }

    [Fact]
    public async Task CreateAccessKey_Throttled_RetriedAndCreated()
    {
        var (rig, store, tally) = await OpenAsync(FailNext("CreateAccessKey", 1, IamThrottling));
        using var _ = rig;

        var key = await store.CreateAccessKeyAsync("carol", CancellationToken.None);

        Assert.Equal(2, Iam(rig, "CreateAccessKey").Count);
        Assert.Single(rig.Cloud.Account(SmallOrganization.Web).Users.Single(u => u.Name == "carol").Keys, k => k.Id == key.AccessKeyId);
        Assert.Equal(1, tally.Count);
    }

    [Fact]
    public async Task DeleteAccessKey_Transient_Retried()
    {
        var (rig, store, tally) = await OpenAsync(FailNext("DeleteAccessKey", 1,
            () => FakeAwsCloud.QueryError("iam", 503, "ServiceUnavailable", "later")));
        using var _ = rig;

        await store.DeleteAccessKeyAsync("bob", "AKIABOB0000000000002", CancellationToken.None);

        Assert.Equal(2, Iam(rig, "DeleteAccessKey").Count);
        Assert.Equal(1, tally.Count);
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
