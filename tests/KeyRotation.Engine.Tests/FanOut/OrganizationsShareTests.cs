using KeyRotation.Engine.Resilience.RateLimits;
using KeyRotation.Engine.Settings;
using Microsoft.Extensions.Time.Testing;

namespace KeyRotation.Engine.Tests.FanOut;

/// <summary>Each rotate-account invocation of a fan-out paces Organizations at its share of the organization's rate.</summary>
public sealed class OrganizationsShareTests
{
    [Fact]
    public void OrganizationsShareOf_TwentyAtOnce_ATwentiethOfTheRateOneAtATimeFromAnEmptyBucket()
    {
        var share = new RateLimitOptions { OrganizationsRequestsPerSecond = 2, OrganizationsBurst = 2 }.OrganizationsShareOf(20);

        Assert.Equal((0.1, 1, false), (share.OrganizationsRequestsPerSecond, share.OrganizationsBurst, share.OrganizationsStartsFull));
        Assert.Equal(20, share.IamRequestsPerSecondPerAccount);
    }

    [Fact]
    public void OrganizationsShareOf_Zero_Refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RateLimitOptions().OrganizationsShareOf(0));

    /// <summary>
    /// Twenty invocations started together, each with its own bucket at a twentieth of 2/s, each sending three
    /// requests as soon as it may: none before 10 s, and no 10 s of the run sees more than 20 (2/s).
    /// </summary>
    [Fact]
    public void TimeTokenBucket_TwentySharesStartedTogether_NeverMoreThanTheRate()
    {
        var time = new FakeTimeProvider();
        var share = new RateLimitOptions().OrganizationsShareOf(20);
        var buckets = Enumerable.Range(0, 20)
            .Select(_ => new TimeTokenBucket(share.OrganizationsRequestsPerSecond, share.OrganizationsBurst, time, share.OrganizationsStartsFull))
            .ToArray();
        var left = Enumerable.Repeat(3, buckets.Length).ToArray();
        var granted = new List<double>();

        for (var tick = 0; tick <= 80; tick++)
        {
            for (var i = 0; i < buckets.Length; i++)
            {
                if (left[i] > 0 && buckets[i].AttemptAcquire().IsAcquired)
                {
                    left[i]--;
                    granted.Add(tick * 0.5);
                }
            }

            time.Advance(TimeSpan.FromSeconds(0.5));
        }

        Assert.Equal(60, granted.Count);
        Assert.DoesNotContain(granted, t => t < 10);
        Assert.All(Enumerable.Range(0, 80), start => Assert.True(granted.Count(t => t >= start * 0.5 && t < (start * 0.5) + 10) <= 20));
    }

    [Fact]
    public void TimeTokenBucket_StartsFull_FirstRequestAtOnce()
    {
        var bucket = new TimeTokenBucket(0.1, 1, new FakeTimeProvider());

        Assert.True(bucket.AttemptAcquire().IsAcquired);
    }

    [Fact]
    public void TimeTokenBucket_StartsEmpty_FirstRequestWaitsItsTurn()
    {
        var time = new FakeTimeProvider();
        var bucket = new TimeTokenBucket(0.1, 1, time, startFull: false);

        Assert.False(bucket.AttemptAcquire().IsAcquired);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(bucket.AttemptAcquire().IsAcquired);
    }

    [Theory]
    [InlineData(null, null, false, 2.0, true)]
    [InlineData("5", null, false, 5.0, true)]
    [InlineData("5", "20", false, 5.0, true)]
    [InlineData("5", "20", true, 0.25, false)]
    [InlineData(null, "20", true, 0.1, false)]
    [InlineData(null, null, true, 2.0, true)]
    [InlineData(null, "1", true, 2.0, false)]
    public void Pacing_SettingsGiven_SweepAtTheRateFanOutStepAtItsShare(
        string? rate, string? concurrency, bool fanOutStep, double perSecond, bool startsFull)
    {
        var text = new Dictionary<string, string?>
        {
            [RotationSettings.OrganizationsRequestsPerSecond.Field] = rate,
            [RotationSettings.FanOutConcurrency.Field] = concurrency,
        };
        var values = RotationSettings.Read(f => text.GetValueOrDefault(f), out var problems);

        var pacing = values.Pacing(new RateLimitOptions(), fanOutStep);

        Assert.Empty(problems);
        Assert.Equal((perSecond, startsFull), (pacing.OrganizationsRequestsPerSecond, pacing.OrganizationsStartsFull));
    }

    [Theory]
    [InlineData("OrganizationsRequestsPerSecond", "0")]
    [InlineData("OrganizationsRequestsPerSecond", "2.5")]
    [InlineData("FanOutConcurrency", "1001")]
    public void Read_RateOrConcurrencyOutOfRange_ProblemNamesFieldAndValue(string field, string value)
    {
        RotationSettings.Read(f => f == field ? value : null, out var problems);

        var problem = Assert.Single(problems);
        Assert.Equal((field, value), (problem.Field, problem.Value));
    }
}
