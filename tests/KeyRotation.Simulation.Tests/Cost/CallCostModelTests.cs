using KeyRotation.Engine.Ports;
using KeyRotation.Simulation.Cost;
using KeyRotation.Simulation.Faults;
using KeyRotation.Simulation.Ports;
using Microsoft.Extensions.Time.Testing;

namespace KeyRotation.Simulation.Tests.Cost;

public sealed class CallCostModelTests
{
    private const string Account = "222222222222";
    private const string OtherAccount = "333333333333";

    private readonly FakeTimeProvider time = new(Support.FixedClock.Now);

    /// <summary>Every service instant and limited to one call a second, burst one.</summary>
    private static CostModelOptions OnePerSecond(RateScope scope = RateScope.PerAccount)
    {
        var cost = new ServiceCost { RequestsPerSecond = 1, Burst = 1, Scope = scope };
        return new CostModelOptions { Iam = cost, Sts = cost, Organizations = cost, SecretsManager = cost, Sns = cost, Audit = cost };
    }

    [Theory]
    [InlineData("iam", "ListAccessKeys", "Throttling")]
    [InlineData("sts", "AssumeRole", "Throttling")]
    [InlineData("sns", "Publish", "Throttling")]
    [InlineData("organizations", "ListAccounts", "TooManyRequestsException")]
    [InlineData("secretsmanager", "PutSecretValue", "ThrottlingException")]
    public async Task ChargeAsync_BucketEmpty_ThrowsTheServicesThrottlingError(string service, string operation, string code)
    {
        var model = new CallCostModel(OnePerSecond(), time);
        var call = new SimulatedCall(service, operation, Account);
        await model.ChargeAsync(call, CancellationToken.None);

        var error = await Assert.ThrowsAsync<ServiceException>(() => model.ChargeAsync(call, CancellationToken.None).AsTask());

        Assert.Equal((service, operation, code, FailureKind.Throttling, (int?)400),
            (error.Service, error.Operation, error.Code, error.Kind, error.HttpStatus));
        Assert.Equal(1, model.ThrottledByOperation[operation]);
    }

    [Fact]
    public async Task ChargeAsync_AfterTheRefillTime_AdmitsAgain()
    {
        var model = new CallCostModel(OnePerSecond(), time);
        var call = new SimulatedCall("iam", "GetUser", Account);
        await model.ChargeAsync(call, CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(999));
        await Assert.ThrowsAsync<ServiceException>(() => model.ChargeAsync(call, CancellationToken.None).AsTask());

        time.Advance(TimeSpan.FromSeconds(1));

        await model.ChargeAsync(call, CancellationToken.None);
        Assert.Equal(2, Assert.Single(model.Served).Count);
    }

    [Fact]
    public async Task ChargeAsync_PerAccountScope_OtherAccountHasItsOwnBucket()
    {
        var model = new CallCostModel(OnePerSecond(RateScope.PerAccount), time);
        await model.ChargeAsync(new SimulatedCall("iam", "GetUser", Account), CancellationToken.None);

        await model.ChargeAsync(new SimulatedCall("iam", "GetUser", OtherAccount), CancellationToken.None);

        Assert.Equal(0, model.ThrottledCalls);
    }

    [Fact]
    public async Task ChargeAsync_SharedScope_EveryAccountDrawsFromOneBucket()
    {
        var model = new CallCostModel(OnePerSecond(RateScope.Shared), time);
        await model.ChargeAsync(new SimulatedCall("sts", "AssumeRole", Account), CancellationToken.None);

        await Assert.ThrowsAsync<ServiceException>(() =>
            model.ChargeAsync(new SimulatedCall("sts", "AssumeRole", OtherAccount), CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task ChargeAsync_Latency_CompletesWhenTheClockHasMovedThatFar()
    {
        var model = new CallCostModel(CostModelOptions.Default, time);

        var charge = model.ChargeAsync(new SimulatedCall("iam", "CreateAccessKey", Account), CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromMilliseconds(59));
        Assert.False(charge.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));

        await charge.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ChargeAsync_ThrottledCall_StillTakesItsLatencyBeforeFailing()
    {
        var options = OnePerSecond() with { Iam = new ServiceCost { Latency = TimeSpan.FromMilliseconds(60), RequestsPerSecond = 1, Burst = 1 } };
        var model = new CallCostModel(options, time);
        var call = new SimulatedCall("iam", "GetUser", Account);
        var first = model.ChargeAsync(call, CancellationToken.None).AsTask();

        var refused = model.ChargeAsync(call, CancellationToken.None).AsTask();
        Assert.False(refused.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(60));

        await first.WaitAsync(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<ServiceException>(() => refused.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task PassAsync_WithCostModel_CountsEveryCallByOperationAndServedByAccount()
    {
        var gate = new SimulationGate(cost: new CallCostModel(OnePerSecond(), time));
        await gate.PassAsync("iam", "ListAccessKeys", Account, CancellationToken.None);
        await gate.PassAsync("iam", "ListAccessKeys", OtherAccount, CancellationToken.None);
        await Assert.ThrowsAsync<ServiceException>(() => gate.PassAsync("iam", "GetUser", Account, CancellationToken.None).AsTask());

        Assert.Equal(new Dictionary<string, long> { ["GetUser"] = 1, ["ListAccessKeys"] = 2 }, gate.CallsByOperation);
        Assert.Equal(new Dictionary<string, long> { ["GetUser"] = 1 }, gate.Cost!.ThrottledByOperation);
        Assert.Equal(
            [new ServedCalls("iam", "ListAccessKeys", Account, 1), new ServedCalls("iam", "ListAccessKeys", OtherAccount, 1)],
            gate.Cost.Served);
    }

    [Fact]
    public async Task PassAsync_InjectedFault_WinsOverTheCostModel()
    {
        var faults = new RuleBasedFaultSource(FaultRule.Always("iam", "GetUser", kind: FailureKind.AccessDenied));
        var gate = new SimulationGate([faults], new CallCostModel(CostModelOptions.Default, time));

        var error = await Assert.ThrowsAsync<ServiceException>(() => gate.PassAsync("iam", "GetUser", Account, CancellationToken.None).AsTask());

        Assert.Equal(FailureKind.AccessDenied, error.Kind);
        Assert.Empty(gate.Cost!.Served);
    }
}
