using KeyRotation.Bench.Options;
using KeyRotation.Bench.Scenarios;
using KeyRotation.Engine.Ports;
using KeyRotation.Simulation.Cost;

namespace KeyRotation.Bench.Tests;

/// <summary>The fan-out and the peer on tiny organizations: every account through, the calls each one makes.</summary>
public sealed class ScenarioTests
{
    internal const int Accounts = 6;

    /// <summary>Free, instant services; short Lambda overheads; fast clocks.</summary>
    internal static BenchOptions Tiny(CostModelOptions? costs = null) => new()
    {
        Accounts = [Accounts],
        UsersPerAccount = 3,
        OrganizationalUnits = 2,
        Costs = costs ?? CostModelOptions.Free,
        ItemStartOverhead = TimeSpan.FromMilliseconds(10),
        InvokeLatency = TimeSpan.FromMilliseconds(1),
        FanOutConcurrency = 2,
        FanOutTimeScale = 0.1,
        PeerTimeScale = 0.01,
        TimeScale = 0.1,
    };

    [Theory]
    [InlineData(BenchOptions.SharedTurns, "taking Organizations turns from one table")]
    [InlineData(BenchOptions.Shares, "pacing Organizations at 1/2 of the rate")]
    public async Task FanOut_TinyOrganization_EveryTargetRotatedInItsOwnItem(string pacing, string note)
    {
        var (result, bound) = await FanOutScenario.RunAsync(Tiny() with { FanOutPacing = pacing }, Accounts);

        Assert.Contains(note, result.WallNote, StringComparison.Ordinal);

        Assert.Equal(0, result.Failed);
        Assert.Equal(Accounts - result.Skipped, result.Processed);
        // Each item reads its account afresh: one DescribeAccount per target.
        Assert.Equal(result.Processed, result.CallsByOperation["DescribeAccount"]);
        // list-targets walked the tree once.
        Assert.Equal(1, result.CallsByOperation["ListRoots"]);
        Assert.NotNull(result.BoundSeconds);
        Assert.True(bound.OrganizationsRequests > result.Processed);
    }

    [Fact]
    public async Task Peer_TinyOrganization_TwoAssumeRolesPerAccountAndNoWalk()
    {
        var result = await PeerScenario.RunAsync(Tiny(), Accounts);

        Assert.Equal(0, result.Failed);
        Assert.Equal(Accounts, result.Processed);
        // The inventory's own AssumeRole, then the member and the central role per account.
        Assert.Equal(1 + (2 * Accounts), result.CallsByOperation["AssumeRole"]);
        Assert.Equal(1, result.CallsByOperation["ListAccounts"]);
        Assert.False(result.CallsByOperation.ContainsKey("ListTagsForResource"));
        Assert.Equal(Accounts, result.CallsByOperation["ListUsers"]);
        // Nothing throttles here: an invocation that had to be retried failed on a request the sample sends wrong.
        Assert.Equal(0, result.FailedAttempts);
    }

    [Fact]
    public async Task Peer_StsThrottlesEveryoneAtOnce_InvocationsFailAndLambdaRetriesThem()
    {
        // STS lets one AssumeRole through a second: the accounts' AssumeRoles, started together, outlast the SDK's 3
        // attempts, and Lambda's asynchronous retries (a minute later) bring them through.
        var costs = CostModelOptions.Free with
        {
            Sts = new ServiceCost { Latency = TimeSpan.FromMilliseconds(50), RequestsPerSecond = 1, Burst = 1, Scope = RateScope.Shared },
        };

        var result = await PeerScenario.RunAsync(Tiny(costs) with { InvokeLatency = TimeSpan.Zero }, Accounts);

        Assert.True(result.FailedAttempts > 0, "no invocation failed its first attempt");
        Assert.True(result.ThrottledByOperation["AssumeRole"] > 0);
        Assert.True(result.WallSeconds >= 60, $"wall {result.WallSeconds} s: no invocation waited for Lambda's retry");
    }
}
