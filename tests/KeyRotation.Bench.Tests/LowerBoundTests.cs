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

    [Fact]
    public void Of_OrganizationsWalk_ChargedBeforeAnyAccount()
    {
        // 10 walk requests at 1 a second, burst 1, 0.5 s each: (10 - 1) / 1 + 0.5 = 9.5 s before the account's 9.2 s.
        var slowOrganizations = Costs with
        {
            Organizations = new ServiceCost { Latency = TimeSpan.FromMilliseconds(500), RequestsPerSecond = 1, Burst = 1, Scope = RateScope.Shared },
        };

        var bound = LowerBound.Of(OneUserRotated(), TwoKeys, slowOrganizations, new SimulatedIamOptions { ExistingReportAge = null }, organizationsRequests: 10);

        Assert.Equal(9.5, bound.OrganizationsSeconds, precision: 6);
        Assert.Equal(10, bound.OrganizationsRequests);
        Assert.Equal(9.5 + 9.2, bound.ReportFirstSeconds, precision: 6);
        Assert.Equal(9.5 + 9.1, bound.Seconds, precision: 6);
    }

    [Fact]
    public void FanOut_OneItemPerSlot_WalkOverheadRereadAndWork()
    {
        // Organizations 0.5 s a request, unlimited: the walk (2 requests) 0.5 s; item: 0.2 s start + 5 re-read
        // requests x 0.5 s + AssumeRole 0 + 9.2 s = 11.9 s; list-targets 0.2 + 0.5, summarize 0.2: 12.8 s.
        var organizations = Costs with { Organizations = new ServiceCost { Latency = TimeSpan.FromMilliseconds(500), Scope = RateScope.Shared } };

        var bound = LowerBound.FanOut(OneUserRotated(), TwoKeys, organizations, new SimulatedIamOptions { ExistingReportAge = null },
            organizationsRequests: 2, new Dictionary<string, int> { [Account] = 5 }, concurrency: 20, TimeSpan.FromMilliseconds(200));

        Assert.Equal(0.2 + 0.5 + 11.9 + 0.2, bound.Seconds, precision: 6);
        Assert.Equal(7, bound.OrganizationsRequests);
    }

    [Fact]
    public void FanOut_MoreItemsThanSlots_TotalOverConcurrency()
    {
        // Three identical accounts (9.2 s each, free Organizations, no start overhead) through one slot: 27.6 s.
        var three = OneUserRotated() is var one
            ? one with { Accounts = [.. Enumerable.Range(0, 3).Select(i => one.Accounts[0] with { AccountId = $"22222222222{i}" })] }
            : null!;
        var keys = Enumerable.Range(0, 3).ToDictionary(i => $"22222222222{i}", _ => TwoKeys[Account]);

        var bound = LowerBound.FanOut(three, keys, Costs, new SimulatedIamOptions { ExistingReportAge = null },
            organizationsRequests: 1, new Dictionary<string, int>(), concurrency: 1, TimeSpan.Zero);

        Assert.Equal(3 * 9.2, bound.Seconds, precision: 6);
    }
}
