using KeyRotation.Engine.Resilience.Retry;
using KeyRotation.Engine.Runs;
using Polly;
using Polly.Retry;

namespace KeyRotation.Engine.Tests.Resilience.Retry;

public class FullJitterBackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(0, 200)]
    [InlineData(1, 400)]
    [InlineData(2, 800)]
    [InlineData(6, 12_800)]
    [InlineData(7, 20_000)]
    [InlineData(1_000, 20_000)]
    [InlineData(int.MaxValue, 20_000)]
    public void Ceiling_Attempt_IsBaseTimesTwoToTheAttemptCapped(int attempt, int expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), FullJitterBackoff.Ceiling(attempt, Base, Cap));
    }

    [Fact]
    public void Delay_AnyDraw_StaysWithinZeroAndCeiling()
    {
        var random = new Random(42);
        for (var attempt = 0; attempt < 12; attempt++)
        {
            var ceiling = FullJitterBackoff.Ceiling(attempt, Base, Cap);
            for (var i = 0; i < 200; i++)
            {
                var delay = FullJitterBackoff.Delay(attempt, Base, Cap, random.NextDouble());
                Assert.InRange(delay, TimeSpan.Zero, ceiling);
            }
        }
    }

    [Theory]
    [InlineData(0.0, 3, 0)]
    [InlineData(0.5, 3, 800)]
    [InlineData(0.25, 0, 50)]
    [InlineData(0.5, 10, 10_000)]
    public void Delay_Draw_ScalesTheCeiling(double draw, int attempt, int expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), FullJitterBackoff.Delay(attempt, Base, Cap, draw));
    }

    [Theory]
    [InlineData(0, 0.5, 100)]
    [InlineData(2, 0.5, 400)]
    [InlineData(9, 0.999, 19_980)]
    public async Task RetryStrategy_DelayGenerator_UsesInjectedRandom(int attempt, double draw, int expectedMs)
    {
        var strategy = RetryStrategy.Create(new RetryOptions(), () => draw, new RetryTally());
        var context = ResilienceContextPool.Shared.Get();
        var args = new RetryDelayGeneratorArguments<object>(context, Outcome.FromException<object>(new TimeoutException()), attempt);

        var delay = await strategy.DelayGenerator!(args);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), delay);
        ResilienceContextPool.Shared.Return(context);
    }
}
