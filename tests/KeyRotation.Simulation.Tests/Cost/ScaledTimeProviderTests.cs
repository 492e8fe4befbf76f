using KeyRotation.Simulation.Cost;
using KeyRotation.Simulation.Faults;
using Microsoft.Extensions.Time.Testing;

namespace KeyRotation.Simulation.Tests.Cost;

public sealed class ScaledTimeProviderTests
{
    private static readonly DateTimeOffset Start = Support.FixedClock.Now;

    private readonly FakeTimeProvider real = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void GetUtcNow_ScaleOneHundredth_SimulatedTimeRunsAHundredTimesFaster()
    {
        var clock = new ScaledTimeProvider(Start, 0.01, real);

        real.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(Start.AddSeconds(100), clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(100), clock.GetElapsedTime(0, clock.GetTimestamp()));
    }

    [Fact]
    public async Task Delay_ScaleOneHundredth_FiresAfterAHundredthOfTheSimulatedDelay()
    {
        var clock = new ScaledTimeProvider(Start, 0.01, real);

        var delay = Task.Delay(TimeSpan.FromSeconds(60), clock);
        real.Advance(TimeSpan.FromMilliseconds(599));
        Assert.False(delay.IsCompleted);
        real.Advance(TimeSpan.FromMilliseconds(1));

        await delay.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task TokenBucket_OnScaledClock_RefillsBySimulatedTime()
    {
        var clock = new ScaledTimeProvider(Start, 0.01, real);
        var model = new CallCostModel(CostModelOptions.Free with { Iam = new ServiceCost { RequestsPerSecond = 20, Burst = 20 } }, clock);
        var call = new SimulatedCall("iam", "GetUser", "222222222222");
        for (var i = 0; i < 20; i++)
        {
            await model.ChargeAsync(call, CancellationToken.None);
        }

        // One simulated second (10 real milliseconds) buys twenty more calls, not a fifth of one.
        real.Advance(TimeSpan.FromMilliseconds(10));
        for (var i = 0; i < 20; i++)
        {
            await model.ChargeAsync(call, CancellationToken.None);
        }

        Assert.Equal(0, model.ThrottledCalls);
    }

    [Fact]
    public void ToRealAndToSimulated_ConvertByTheScale_InfiniteStaysInfinite()
    {
        var clock = new ScaledTimeProvider(Start, 0.25, real);

        Assert.Equal(TimeSpan.FromSeconds(1), clock.ToReal(TimeSpan.FromSeconds(4)));
        Assert.Equal(TimeSpan.FromSeconds(4), clock.ToSimulated(TimeSpan.FromSeconds(1)));
        Assert.Equal(Timeout.InfiniteTimeSpan, clock.ToReal(Timeout.InfiniteTimeSpan));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    public void Ctor_ScaleOutOfRange_NamesTheScale(double scale)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ScaledTimeProvider(Start, scale));

        Assert.Equal("scale", error.ParamName);
    }
}
