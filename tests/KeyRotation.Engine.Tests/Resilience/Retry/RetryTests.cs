using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Iam;
using KeyRotation.Engine.Resilience.Retry;
using KeyRotation.Engine.Resilience;

namespace KeyRotation.Engine.Tests.Resilience.Retry;

public class RetryTests
{
    private const string Account = "111111111111";

    private static (IIamOperations Store, CallScript Script, Harness Harness) Identity(ResilienceOptions? options = null, double jitter = 0)
    {
        var harness = new Harness(options, jitter);
        var store = harness.OpenAsync(Account).GetAwaiter().GetResult().Iam;
        return (store, harness.Sts.For(Account), harness);
    }

    [Theory]
    [InlineData(FailureKind.Throttling)]
    [InlineData(FailureKind.Transient)]
    public async Task ListUsers_RetryableTwiceThenSuccess_SucceedsAndTalliesRetries(FailureKind kind)
    {
        var (store, script, harness) = Identity();
        script.Fault = (_, n) => n < 2 ? CallScript.Error(kind) : null;

        await store.ListUsersAsync(null, CancellationToken.None);

        Assert.Equal(3, script.Calls("ListUsers"));
        Assert.Equal(2, harness.Tally.Count);
    }

    [Theory]
    [InlineData(FailureKind.AccessDenied)]
    [InlineData(FailureKind.LimitExceeded)]
    [InlineData(FailureKind.NotFound)]
    [InlineData(FailureKind.Validation)]
    [InlineData(FailureKind.Final)]
    public async Task GetUser_NonRetryableFailure_CalledOnceAndRethrown(FailureKind kind)
    {
        var (store, script, harness) = Identity();
        script.Fault = (_, _) => CallScript.Error(kind);

        var error = await Assert.ThrowsAsync<ServiceException>(() => store.GetUserAsync("alice", CancellationToken.None));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(1, script.Calls("GetUser"));
        Assert.Equal(0, harness.Tally.Count);
    }

    [Fact]
    public async Task ListUsers_AlwaysThrottled_StopsAfterMaxRetryAttempts()
    {
        var (store, script, harness) = Identity(Harness.WithBreaker(100));
        script.Fault = (_, _) => CallScript.Error(FailureKind.Throttling);

        var error = await Assert.ThrowsAsync<ServiceException>(() => store.ListUsersAsync(null, CancellationToken.None));

        Assert.Equal(FailureKind.Throttling, error.Kind);
        Assert.Equal(7, script.Calls("ListUsers"));
        Assert.Equal(6, harness.Tally.Count);
    }

    [Fact]
    public async Task ListUsers_ZeroRetryAttempts_CalledOnce()
    {
        var (store, script, _) = Identity(new ResilienceOptions { Retry = new RetryOptions { MaxRetryAttempts = 0 } });
        script.Fault = (_, _) => CallScript.Error(FailureKind.Throttling);

        await Assert.ThrowsAsync<ServiceException>(() => store.ListUsersAsync(null, CancellationToken.None));

        Assert.Equal(1, script.Calls("ListUsers"));
    }

    [Theory]
    [InlineData("transient")]
    [InlineData("timeout")]
    [InlineData("http")]
    public async Task CreateAccessKey_TransientFailure_NotRetried(string failure)
    {
        var (store, script, harness) = Identity();
        Exception error = failure switch
        {
            "transient" => CallScript.Error(FailureKind.Transient),
            "timeout" => new TaskCanceledException("timeout", new TimeoutException()),
            _ => new HttpRequestException("connection reset"),
        };
        script.Fault = (_, n) => n == 0 ? error : null;

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => store.CreateAccessKeyAsync("alice", CancellationToken.None));

        Assert.Same(error, thrown);
        Assert.Equal(1, script.Calls("CreateAccessKey"));
        Assert.Equal(0, harness.Tally.Count);
    }

    [Fact]
    public async Task CreateAccessKey_Throttled_RetriedUntilCreated()
    {
        var (store, script, harness) = Identity();
        script.Fault = (_, n) => n < 3 ? CallScript.Error(FailureKind.Throttling) : null;

        var key = await store.CreateAccessKeyAsync("alice", CancellationToken.None);

        Assert.Equal("AKIAEXAMPLE", key.AccessKeyId);
        Assert.Equal(4, script.Calls("CreateAccessKey"));
        Assert.Equal(3, harness.Tally.Count);
    }

    [Fact]
    public async Task UpdateAccessKey_Transient_Retried()
    {
        var (store, script, _) = Identity();
        script.Fault = (_, n) => n == 0 ? new TimeoutException() : null;

        await store.UpdateAccessKeyAsync("alice", "AKIA1", AccessKeyStatus.Inactive, CancellationToken.None);

        Assert.Equal(2, script.Calls("UpdateAccessKey"));
    }

    [Fact]
    public async Task DeleteAccessKey_NotFoundAfterTransient_TreatedAsDeleted()
    {
        var (store, script, _) = Identity();
        script.Fault = (_, n) => n == 0 ? CallScript.Error(FailureKind.Transient) : CallScript.Error(FailureKind.NotFound);

        await store.DeleteAccessKeyAsync("alice", "AKIA1", CancellationToken.None);

        Assert.Equal(2, script.Calls("DeleteAccessKey"));
    }

    [Fact]
    public async Task DeleteAccessKey_NotFoundAfterThrottling_Rethrown()
    {
        var (store, script, _) = Identity();
        script.Fault = (_, n) => n == 0 ? CallScript.Error(FailureKind.Throttling) : CallScript.Error(FailureKind.NotFound);

        var error = await Assert.ThrowsAsync<ServiceException>(() => store.DeleteAccessKeyAsync("alice", "AKIA1", CancellationToken.None));

        Assert.Equal(FailureKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task DeleteAccessKey_NotFoundFirst_Rethrown()
    {
        var (store, script, _) = Identity();
        script.Fault = (_, _) => CallScript.Error(FailureKind.NotFound);

        var error = await Assert.ThrowsAsync<ServiceException>(() => store.DeleteAccessKeyAsync("alice", "AKIA1", CancellationToken.None));

        Assert.Equal(FailureKind.NotFound, error.Kind);
        Assert.Equal(1, script.Calls("DeleteAccessKey"));
    }

    [Fact]
    public async Task ListUsers_Backoff_WaitsOnInjectedClock()
    {
        // Draw 0.99 of the 200 ms then 400 ms ceilings: 198 ms + 396 ms of fake time must pass.
        var (store, script, harness) = Identity(jitter: 0.99);
        script.Fault = (_, n) => n < 2 ? CallScript.Error(FailureKind.Throttling) : null;

        var call = store.ListUsersAsync(null, CancellationToken.None);
        await harness.DriveAsync(call, TimeSpan.FromMilliseconds(20));

        Assert.Equal(3, script.Calls("ListUsers"));
        Assert.True(harness.Advanced >= TimeSpan.FromMilliseconds(594), $"advanced only {harness.Advanced}");
    }

    [Fact]
    public async Task ListUsers_CancelledDuringBackoff_StopsWithoutAnotherCall()
    {
        // A full-ceiling draw: the first backoff lasts 200 ms of fake time, which the test never advances.
        var (store, script, _) = Identity(jitter: 0.999);
        using var cancellation = new CancellationTokenSource();
        script.Fault = (_, _) => CallScript.Error(FailureKind.Throttling);
        script.OnCall = (_, _) => cancellation.CancelAfter(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<Exception>(() => store.ListUsersAsync(null, cancellation.Token));

        Assert.Equal(1, script.Calls("ListUsers"));
    }

    [Fact]
    public async Task ListUsers_CallerCancelledBeforeRetry_NotRetried()
    {
        var (store, script, harness) = Identity();
        using var cancellation = new CancellationTokenSource();
        script.Fault = (_, _) => CallScript.Error(FailureKind.Throttling);
        script.OnCall = (_, _) => cancellation.Cancel();

        await Assert.ThrowsAnyAsync<Exception>(() => store.ListUsersAsync(null, cancellation.Token));

        Assert.Equal(1, script.Calls("ListUsers"));
        Assert.Equal(0, harness.Tally.Count);
    }
}
