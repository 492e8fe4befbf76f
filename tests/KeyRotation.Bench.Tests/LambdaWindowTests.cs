using KeyRotation.Bench.Measuring;

namespace KeyRotation.Bench.Tests;

public sealed class LambdaWindowTests
{
    [Fact]
    public void Crossing_BetweenTwoSizes_Interpolated()
    {
        // 720 s usable: from 400 s at 1,000 to 1,200 s at 3,000, 400 s per 1,000 accounts: 1,000 + 320 / 0.4 = 1,800.
        Assert.Equal(1800, LambdaWindow.Crossing([(1000, 400), (3000, 1200)])!.Value, precision: 6);
    }

    [Fact]
    public void Crossing_BeyondTheLargest_Extrapolated()
    {
        // 100 s at 1,000, 300 s at 3,000: 0.1 s per account, 720 s at 7,200.
        Assert.Equal(7200, LambdaWindow.Crossing([(3000, 300), (1000, 100)])!.Value, precision: 6);
    }

    [Fact]
    public void Crossing_OneSize_Null() => Assert.Null(LambdaWindow.Crossing([(1000, 100)]));

    [Fact]
    public void UsableSeconds_TimeoutLessAFifth() => Assert.Equal(720, LambdaWindow.UsableSeconds, precision: 6);
}
