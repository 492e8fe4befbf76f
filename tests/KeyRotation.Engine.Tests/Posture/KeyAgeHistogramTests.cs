using KeyRotation.Core.Policy;
using KeyRotation.Engine.Posture;

namespace KeyRotation.Engine.Tests.Posture;

public sealed class KeyAgeHistogramTests
{
    [Fact]
    public void Of_DefaultPolicy_BinsOfFifteenDaysToSixtyPastDeactivateThenOneOpenBin()
    {
        var histogram = KeyAgeHistogram.Of([], RotationPolicy.Default);

        Assert.Equal(16 + 1, histogram.Bins.Count);
        Assert.Equal((0, 15), (histogram.Bins[0].FromDays, histogram.Bins[0].ToDays));
        Assert.Equal((240, (int?)null), (histogram.Bins[^1].FromDays, histogram.Bins[^1].ToDays));
        Assert.Equal([90, 165, 180], histogram.Thresholds.Select(t => t.Days));
    }

    [Fact]
    public void Of_Ages_EachCountedOnceInItsBinAndOldOnesInTheOpenBin()
    {
        var histogram = KeyAgeHistogram.Of([-1, 0, 14, 15, 89, 90, 239, 240, 5_000], RotationPolicy.Default);

        Assert.Equal(9, histogram.Bins.Sum(b => b.ActiveKeys));
        Assert.Equal(3, histogram.Bins[0].ActiveKeys);
        Assert.Equal(1, histogram.Bins[1].ActiveKeys);
        Assert.Equal(1, histogram.Bins[5].ActiveKeys);
        Assert.Equal(1, histogram.Bins[6].ActiveKeys);
        Assert.Equal(1, histogram.Bins[15].ActiveKeys);
        Assert.Equal(2, histogram.Bins[^1].ActiveKeys);
    }
}
