using KeyRotation.Engine.Resilience.RateLimits;
using Microsoft.Extensions.Time.Testing;

namespace KeyRotation.Engine.Tests.FanOut;

/// <summary>A fan-out environment's Organizations bucket fills while its item rotates IAM, and starts empty for a new run.</summary>
public sealed class KeptOrganizationsBucketTests
{
    private static readonly RateLimitOptions Share = new RateLimitOptions().OrganizationsShareOf(20);

    [Fact]
    public void For_SameRun_TheSameBucket()
    {
        var kept = new KeptOrganizationsBucket();
        var time = new FakeTimeProvider();

        Assert.Same(kept.For("run-1", Share, time), kept.For("run-1", Share, time));
    }

    [Fact]
    public void For_NewRun_ANewEmptyBucket()
    {
        var kept = new KeptOrganizationsBucket();
        var time = new FakeTimeProvider();
        var first = kept.For("run-1", Share, time);
        time.Advance(TimeSpan.FromMinutes(5));

        var second = kept.For("run-2", Share, time);

        Assert.NotSame(first, second);
        Assert.False(second.AttemptAcquire().IsAcquired);
    }

    /// <summary>
    /// Items of 3 re-read requests each, rotating 20 s between re-reads: kept, the next item's re-read goes at once
    /// from what filled during the rotation (30 s per item instead of 50 s); made per item, each waits 30 s for its
    /// three tokens. Either way no 10 s window sees more than the burst plus a tenth of a token per second.
    /// </summary>
    [Theory]
    [InlineData(true, 4, 120.0)]
    [InlineData(false, 4, 180.0)]
    public void For_ItemsRotatingBetweenReReads_KeptBucketSendsTheNextReReadAtOnceWithinBurstPlusShare(
        bool keep, int items, double lastRequestAt)
    {
        var time = new FakeTimeProvider();
        var kept = new KeptOrganizationsBucket();
        var sent = new List<double>();
        var elapsed = 0.0;
        for (var item = 0; item < items; item++)
        {
            var bucket = keep ? kept.For("run-1", Share, time) : new KeptOrganizationsBucket().For("run-1", Share, time);
            for (var request = 0; request < 3; request++)
            {
                while (!bucket.AttemptAcquire().IsAcquired)
                {
                    time.Advance(TimeSpan.FromSeconds(0.5));
                    elapsed += 0.5;
                }

                sent.Add(elapsed);
            }

            time.Advance(TimeSpan.FromSeconds(20));
            elapsed += 20;
        }

        Assert.Equal(lastRequestAt, sent[^1]);
        Assert.All(sent, start => Assert.True(sent.Count(t => t >= start && t < start + 10) <= RateLimitOptions.OrganizationsShareBurst + 1));
    }
}
