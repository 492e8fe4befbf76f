using KeyRotation.Bench.Measuring;
using KeyRotation.Core.Audit;
using KeyRotation.Core.Planning;
using KeyRotation.Core.Policy;
using KeyRotation.Engine.Reporting;
using KeyRotation.Simulation.Cost;
using KeyRotation.Simulation.Ports;

namespace KeyRotation.Bench.Tests;

public sealed class LowerBoundTests
{
    private const string Account = "222222222222";

    /// <summary>IAM at 100 ms, one request a second, burst one; everything else free and instant.</summary>
    private static readonly CostModelOptions Costs = new()
    {
        Iam = new ServiceCost { Latency = TimeSpan.FromMilliseconds(100), RequestsPerSecond = 1, Burst = 1 },
        Sts = new ServiceCost { RequestsPerSecond = 1_000, Burst = 1_000, Scope = RateScope.Shared },
        Organizations = ServiceCost.Free,
        SecretsManager = ServiceCost.Free,
        Sns = ServiceCost.Free,
        Audit = ServiceCost.Free,
    };

    /// <summary>One user with two keys: a new key created and an old one deactivated.</summary>
    private static RunReport OneUserRotated() => new(
        "run", DateTimeOffset.UnixEpoch, false, RotationPolicy.Default,
        [new AccountReport(Account, "dev", AccountStatus.Processed, null, null,
        [
            new ActionRecord("u", null, ActionKind.CreateKey, ReasonCode.RotationDue, AuditOutcome.Succeeded, ""),
            new ActionRecord("u", "AKIAEXAMPLE000000001", ActionKind.DeactivateKey, ReasonCode.NeverUsed, AuditOutcome.Succeeded, ""),
        ])],
        new RunSummary(1, 1, 0, 0, 0, new Dictionary<string, int>(), []), [], []);

    private static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> TwoKeys =
        new Dictionary<string, IReadOnlyDictionary<string, int>> { [Account] = new Dictionary<string, int> { ["u"] = 2 } };

    [Fact]
    public void Of_ReportGeneratedInTheRun_ChargesTheUsersCallsAfterTheReport()
    {
        // IAM calls: 1 page + 3 report calls + (GetUser, ListAccessKeys, 2 key reads, 2 changes) = 10, so
        // (10 - 1) / 1 + 0.1 = 9.1 s; report first: 4 s + 0.1 s + (6 - 1) / 1 + 0.1 = 9.2 s.
        var bound = LowerBound.Of(OneUserRotated(), TwoKeys, Costs, new SimulatedIamOptions { ExistingReportAge = null });

        Assert.Equal(9.1, bound.Seconds, precision: 6);
        Assert.Equal(9.1, bound.OrderedSeconds, precision: 6);
        Assert.Equal(9.2, bound.ReportFirstSeconds, precision: 6);
        Assert.Equal("IAM rate", bound.SlowestAccountLimit);
    }

    [Fact]
    public void Of_ReportAlreadyThere_ReportFirstIsTheOrderedBound()
    {
        // No generation: 1 page + 2 report calls + 6 = 9 calls, (9 - 1) / 1 + 0.1 = 8.1 s.
        var bound = LowerBound.Of(OneUserRotated(), TwoKeys, Costs, new SimulatedIamOptions { ExistingReportAge = TimeSpan.FromHours(1) });

        Assert.Equal(8.1, bound.Seconds, precision: 6);
        Assert.Equal(bound.OrderedSeconds, bound.ReportFirstSeconds, precision: 6);
    }

    [Fact]
    public void Of_FastIam_CallChainWithTheReportWaitIsTheLimit()
    {
        // 100 requests a second: the chain is 4 report calls and 4 s of generation, then the user's 3 reads and 2 changes.
        var fast = Costs with { Iam = Costs.Iam with { RequestsPerSecond = 100, Burst = 100 } };

        var bound = LowerBound.Of(OneUserRotated(), TwoKeys, fast, new SimulatedIamOptions { ExistingReportAge = null });

        Assert.Equal("call chain", bound.SlowestAccountLimit);
        Assert.Equal((0.1 * 4) + 4 + (0.1 * 5), bound.Seconds, precision: 6);
    }
}
