using KeyRotation.Engine.Resilience;
using KeyRotation.Simulation.Cost;
using KeyRotation.Simulation.Ports;
using Microsoft.Extensions.Time.Testing;

namespace KeyRotation.Simulation.Tests.Ports;

public sealed class SimulationGatePacingTests
{
    private const string Account = "222222222222";

    private readonly FakeTimeProvider time = new(Support.FixedClock.Now);

    private SimulationGate PacedGate(CallCostModel? cost = null) => new(cost: cost)
    {
        IamPacing = new IamRequestPacing(new RateLimitOptions { IamRequestsPerSecondPerAccount = 1, IamBurstPerAccount = 1 }, time),
    };

    [Fact]
    public async Task PassAsync_IamPastTheAccountsBurst_WaitsForTheNextToken()
    {
        var gate = PacedGate();
        await gate.PassAsync("iam", "ListAccessKeys", Account, CancellationToken.None);

        var second = gate.PassAsync("iam", "GetAccessKeyLastUsed", Account, CancellationToken.None).AsTask();
        await gate.PassAsync("secretsmanager", "PutSecretValue", Account, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(second.IsCompleted);
        Assert.Equal(0, gate.CallsTo("GetAccessKeyLastUsed"));
        time.Advance(TimeSpan.FromSeconds(1));
        await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, gate.CallsTo("GetAccessKeyLastUsed"));
    }

    [Fact]
    public async Task PassAsync_PacedLikeTheServer_IsNeverThrottled()
    {
        // The server allows one IAM request a second, burst one: without pacing the second call is throttled.
        var server = new ServiceCost { RequestsPerSecond = 1, Burst = 1, Scope = RateScope.PerAccount };
        var gate = PacedGate(new CallCostModel(CostModelOptions.Default with { Iam = server }, time));

        var calls = Enumerable.Range(0, 3).Select(_ => gate.PassAsync("iam", "ListAccessKeys", Account, CancellationToken.None).AsTask()).ToList();
        // The clock moves on only once the call the last token let through has reached the server, as on a real
        // clock; advancing on a fixed real-time pause raced the woken call on a busy machine.
        for (var served = 1; served <= 3; served++)
        {
            await CallsReachedAsync(gate, served);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(3, gate.CallsTo("ListAccessKeys"));
        Assert.Empty(gate.Cost!.ThrottledByOperation);
    }

    private static async Task CallsReachedAsync(SimulationGate gate, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (gate.CallsTo("ListAccessKeys") < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }
    }
}
