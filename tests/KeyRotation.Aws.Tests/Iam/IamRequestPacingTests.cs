using KeyRotation.Aws.Tests.Support;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Resilience;

namespace KeyRotation.Aws.Tests.Iam;

/// <summary>
/// The adapter's IAM request pacing against the stub cloud on a fake clock: every IAM HTTP request of a member account
/// (a retry too) takes a token of that account's bucket, so a multi-request port call goes at the bucket's pace.
/// Only the fake clock can release a waiting request, so a count that stands still while the clock does is exact.
/// </summary>
public sealed class IamRequestPacingTests
{
    private static readonly RateLimitOptions OnePerSecondBurstTwo = new() { IamRequestsPerSecondPerAccount = 1, IamBurstPerAccount = 2 };

    private sealed class NoJitter : Random
    {
        protected override double Sample() => 0;

        public override double NextDouble() => 0;
    }

    private static async Task<(AwsTestRig Rig, IAccountSession Session)> OpenAsync(RateLimitOptions? pacing,
        Func<StubRequest, StubResponse?>? fault = null, int maxRetries = 0, string account = SmallOrganization.Web)
    {
        var rig = AwsTestRig.Create(cloud => cloud.Fault = fault,
            AwsTestRig.Settings with { Discovery = DiscoveryMode.PerKey, MaxRequestRetries = maxRetries },
            random: new NoJitter(), iamPacing: pacing);
        var session = await rig.Adapters.AccountAccess.OpenAsync(account, CancellationToken.None);
        return (rig, session);
    }

    private static List<StubRequest> Iam(AwsTestRig rig, string account = SmallOrganization.Web) =>
        [.. rig.Cloud.Requests.Where(r => r.SigningService == "iam" && rig.Cloud.Sessions[r.AccessKeyId!].Account == account)];

    /// <summary>Waits (on the real clock, only as a guard) until the stub has seen <paramref name="count"/> IAM requests.</summary>
    private static async Task ReachedAsync(AwsTestRig rig, int count)
    {
        for (var i = 0; i < 5_000 && Iam(rig).Count < count; i++) await Task.Delay(1);
        Assert.Equal(count, Iam(rig).Count);
    }

    /// <summary>Lets continuations that do not need the fake clock run, then checks nothing more went out.</summary>
    private static async Task StaysAtAsync(AwsTestRig rig, int count, Task call)
    {
        for (var i = 0; i < 5; i++) await Task.Delay(1);
        Assert.Equal(count, Iam(rig).Count);
        Assert.False(call.IsCompleted);
    }

    private static async Task<(UserFacts? User, int Requests)> UnpacedReadAsync(string userName)
    {
        var (rig, session) = await OpenAsync(pacing: null);
        using var _ = rig;
        var user = await session.Identity.ReadUserAsync(userName, CancellationToken.None);
        return (user, Iam(rig).Count);
    }

    [Fact]
    public async Task ReadUser_NoPacing_EveryRequestWithoutTheClockMoving()
    {
        var (rig, session) = await OpenAsync(pacing: null);
        using var _ = rig;
        var start = rig.Time.GetUtcNow();

        var user = await session.Identity.ReadUserAsync("bob", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, user!.AccessKeys.Count);
        Assert.True(Iam(rig).Count >= 4, $"{Iam(rig).Count} IAM requests");
        Assert.Equal(start, rig.Time.GetUtcNow());
    }

    [Fact]
    public async Task ReadUser_OnePerSecondBurstTwo_BurstThenOneRequestPerSecond()
    {
        var (expected, requests) = await UnpacedReadAsync("bob");
        // ListAccessKeys, ListUserTags and GetAccessKeyLastUsed per key: enough to exhaust the burst twice over.
        Assert.True(requests >= 4, $"{requests} IAM requests");
        var (rig, session) = await OpenAsync(OnePerSecondBurstTwo);
        using var _ = rig;

        var read = session.Identity.ReadUserAsync("bob", CancellationToken.None);

        await ReachedAsync(rig, 2);
        await StaysAtAsync(rig, 2, read);
        for (var sent = 3; sent <= requests; sent++)
        {
            rig.Time.Advance(TimeSpan.FromMilliseconds(999));
            await StaysAtAsync(rig, sent - 1, read);
            rig.Time.Advance(TimeSpan.FromMilliseconds(1));
            await ReachedAsync(rig, sent);
        }

        var user = await read.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(expected!.AccessKeys, user!.AccessKeys);
        Assert.Equal(expected.Tags, user.Tags);
        Assert.Equal(requests, Iam(rig).Count);
    }

    [Fact]
    public async Task ReadUser_FirstRequestThrottledOnce_RetryTakesItsOwnToken()
    {
        var throttled = 0;
        var (rig, session) = await OpenAsync(OnePerSecondBurstTwo, fault: r =>
                r.Action == "ListAccessKeys" && Interlocked.Exchange(ref throttled, 1) == 0
                    ? FakeAwsCloud.QueryError("iam", 400, "Throttling", "Rate exceeded")
                    : null,
            maxRetries: 3);
        using var _ = rig;

        var read = session.Identity.ReadUserAsync("alice", CancellationToken.None);

        // The throttled attempt and its retry spend the burst; ListUserTags waits for the next token.
        await ReachedAsync(rig, 2);
        await StaysAtAsync(rig, 2, read);
        Assert.Equal(["ListAccessKeys", "ListAccessKeys"], Iam(rig).Select(r => r.Action));
        rig.Time.Advance(TimeSpan.FromSeconds(1));
        await ReachedAsync(rig, 3);
        Assert.Equal("ListUserTags", Iam(rig)[2].Action);

        rig.Time.Advance(TimeSpan.FromSeconds(1));
        var user = await read.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("AKIAALICE00000000001", Assert.Single(user!.AccessKeys).AccessKeyId);
        Assert.Equal(4, Iam(rig).Count);
    }

    [Fact]
    public async Task DeleteAccessKey_OtherAccountsBucketSpent_NotDelayed()
    {
        var (rig, web) = await OpenAsync(new RateLimitOptions { IamRequestsPerSecondPerAccount = 1, IamBurstPerAccount = 1 });
        using var _ = rig;
        var sandbox = await rig.Adapters.AccountAccess.OpenAsync(SmallOrganization.Sandbox, CancellationToken.None);

        var webRead = web.Identity.ReadUserAsync("bob", CancellationToken.None);
        await ReachedAsync(rig, 1);
        await sandbox.Identity.DeleteAccessKeyAsync("dave", "AKIADAVE000000000001", CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(10));

        // Sandbox's own token: the request went out while Web's bucket was empty and the clock stood still.
        Assert.Single(Iam(rig, SmallOrganization.Sandbox));
        Assert.Empty(rig.Cloud.Account(SmallOrganization.Sandbox).Users.Single().Keys);
        Assert.Single(Iam(rig));
        Assert.False(webRead.IsCompleted);
    }

    [Fact]
    public async Task StoreAccessKey_PacedBurstOne_SecretsManagerNotPaced()
    {
        var (rig, session) = await OpenAsync(new RateLimitOptions { IamRequestsPerSecondPerAccount = 1, IamBurstPerAccount = 1 });
        using var _ = rig;
        var start = rig.Time.GetUtcNow();

        await session.Secrets.StoreAccessKeyAsync("carol", new NewAccessKey("AKIACAROL0000000001", new SecretText("s3cret"), SmallOrganization.Start),
            CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Single(Iam(rig));
        Assert.True(rig.Cloud.Requests.Count(r => r.SigningService == "secretsmanager") >= 2);
        Assert.Equal(start, rig.Time.GetUtcNow());
    }
}
