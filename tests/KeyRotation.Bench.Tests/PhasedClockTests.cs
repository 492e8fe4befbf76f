using KeyRotation.Bench.Measuring;

namespace KeyRotation.Bench.Tests;

public sealed class PhasedClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task VirtualPhase_DelayAdvancesTimeAtOnce()
    {
        var clock = new PhasedClock(Start, scale: 1);
        var real = System.Diagnostics.Stopwatch.StartNew();

        await Task.Delay(TimeSpan.FromMinutes(10), clock);
        await Task.Delay(TimeSpan.FromMinutes(5), clock);

        Assert.Equal(Start.AddMinutes(15), clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromMinutes(15), clock.VirtualElapsed);
        Assert.True(real.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task EndVirtualPhase_TimeGoesOnFromTheVirtualEnd()
    {
        var clock = new PhasedClock(Start, scale: 0.01);
        await Task.Delay(TimeSpan.FromHours(1), clock);
        clock.EndVirtualPhase();

        await Task.Delay(TimeSpan.FromSeconds(5), clock);

        var elapsed = clock.GetUtcNow() - Start;
        // The upper end only rules out a jump (timers fire late on a loaded machine: 1 s real is 100 s here).
        Assert.InRange(elapsed, TimeSpan.FromHours(1) + TimeSpan.FromSeconds(4.5), TimeSpan.FromHours(1) + TimeSpan.FromMinutes(10));
        Assert.False(clock.IsVirtual);
    }
}
