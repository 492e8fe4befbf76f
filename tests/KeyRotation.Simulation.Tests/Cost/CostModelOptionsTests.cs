using KeyRotation.Simulation.Cost;

namespace KeyRotation.Simulation.Tests.Cost;

public sealed class CostModelOptionsTests
{
    [Fact]
    public void Ctor_Defaults_StatedLatencyAndLimits()
    {
        var options = new CostModelOptions();

        Assert.Equal(Expected(60, 20, 40, RateScope.PerAccount), Actual(options.Iam));
        Assert.Equal(Expected(80, 600, 600, RateScope.Shared), Actual(options.Sts));
        Assert.Equal(Expected(100, 2, 5, RateScope.Shared), Actual(options.Organizations));
        Assert.Equal(Expected(50, 50, 50, RateScope.PerAccount), Actual(options.SecretsManager));
        Assert.Equal(Expected(30, 9000, 9000, RateScope.Shared), Actual(options.Sns));
        Assert.Equal(Expected(10, null, 1, RateScope.Shared), Actual(options.Audit));
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void For_UnknownService_Free()
    {
        Assert.Same(ServiceCost.Free, CostModelOptions.Default.For("kms"));
        Assert.Same(CostModelOptions.Default.Iam, CostModelOptions.Default.For("iam"));
    }

    [Fact]
    public void Validate_BadValues_NameServiceFieldAndValue()
    {
        var options = CostModelOptions.Default with
        {
            Iam = CostModelOptions.Default.Iam with { RequestsPerSecond = 0 },
            Sts = CostModelOptions.Default.Sts with { Burst = 0 },
            Audit = CostModelOptions.Default.Audit with { Latency = TimeSpan.FromMilliseconds(-1) },
        };

        Assert.Equal(
            ["Iam.RequestsPerSecond must be a positive number or null (got 0)", "Sts.Burst must be at least 1 (got 0)",
             "Audit.Latency must not be negative (got -00:00:00.0010000)"],
            options.Validate());
        var error = Assert.Throws<ArgumentException>(() => new CallCostModel(options, TimeProvider.System));
        Assert.Contains("Sts.Burst must be at least 1 (got 0)", error.Message, StringComparison.Ordinal);
    }

    private static (TimeSpan, double?, int, RateScope) Expected(int latencyMs, double? perSecond, int burst, RateScope scope) =>
        (TimeSpan.FromMilliseconds(latencyMs), perSecond, burst, scope);

    private static (TimeSpan, double?, int, RateScope) Actual(ServiceCost cost) =>
        (cost.Latency, cost.RequestsPerSecond, cost.Burst, cost.Scope);
}
