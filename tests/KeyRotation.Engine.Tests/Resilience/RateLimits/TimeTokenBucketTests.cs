using KeyRotation.Engine.Resilience.RateLimits;
using Microsoft.Extensions.Time.Testing;

namespace KeyRotation.Engine.Tests.Resilience.RateLimits;

public class TimeTokenBucketTests
{
    private readonly FakeTimeProvider time = new();

    [Fact]
    public async Task AcquireAsync_BucketEmpty_WaitsForTokenInsteadOfFailing()
    {
        var bucket = new TimeTokenBucket(perSecond: 1, burst: 1, time);

        var first = bucket.AcquireAsync().AsTask();
        var second = bucket.AcquireAsync().AsTask();
        var third = bucket.AcquireAsync().AsTask();

        Assert.True((await first).IsAcquired);
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await second.WaitAsync(TimeSpan.FromSeconds(10))).IsAcquired);
        Assert.False(third.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await third.WaitAsync(TimeSpan.FromSeconds(10))).IsAcquired);
    }

    [Fact]
    public void AttemptAcquire_BurstSpent_RefillsWithElapsedTime()
    {
        var bucket = new TimeTokenBucket(perSecond: 4, burst: 2, time);

        Assert.True(bucket.AttemptAcquire().IsAcquired);
        Assert.True(bucket.AttemptAcquire().IsAcquired);
        Assert.False(bucket.AttemptAcquire().IsAcquired);
        time.Advance(TimeSpan.FromMilliseconds(250));
        Assert.True(bucket.AttemptAcquire().IsAcquired);
        Assert.False(bucket.AttemptAcquire().IsAcquired);
    }

    [Fact]
    public void AttemptAcquire_LongIdle_NeverHoldsMoreThanBurst()
    {
        var bucket = new TimeTokenBucket(perSecond: 10, burst: 3, time);
        time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(3, bucket.GetStatistics()!.CurrentAvailablePermits);
        for (var i = 0; i < 3; i++) Assert.True(bucket.AttemptAcquire().IsAcquired);
        Assert.False(bucket.AttemptAcquire().IsAcquired);
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileWaiting_ThrowsAndReturnsReservation()
    {
        var bucket = new TimeTokenBucket(perSecond: 1, burst: 1, time);
        await bucket.AcquireAsync();
        using var cancellation = new CancellationTokenSource();

        var waiting = bucket.AcquireAsync(1, cancellation.Token).AsTask();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        var next = bucket.AcquireAsync().AsTask();
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await next.WaitAsync(TimeSpan.FromSeconds(10))).IsAcquired);
    }

    [Fact]
    public void AcquireAsync_MorePermitsThanBurst_Throws()
    {
        var bucket = new TimeTokenBucket(perSecond: 1, burst: 2, time);

        Assert.Throws<ArgumentOutOfRangeException>(() => bucket.AttemptAcquire(3));
    }
}
