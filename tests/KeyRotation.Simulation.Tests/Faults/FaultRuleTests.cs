using KeyRotation.Engine.Ports;
using KeyRotation.Simulation.Faults;
using KeyRotation.Simulation.Model;
using KeyRotation.Simulation.Ports;
using KeyRotation.Simulation.Tests.Support;

namespace KeyRotation.Simulation.Tests.Faults;

public sealed class FaultRuleTests
{
    private static readonly SimulatedCall Create = new("iam", "CreateAccessKey", "222222222222");

    [Fact]
    public void FaultFor_AlwaysRuleForAccount_FailsOnlyThatAccount()
    {
        var source = new RuleBasedFaultSource(FaultRule.Always("iam", "CreateAccessKey", "222222222222", FailureKind.AccessDenied));

        var fault = source.FaultFor(Create);

        Assert.NotNull(fault);
        Assert.Equal(("iam", "CreateAccessKey", "AccessDenied", FailureKind.AccessDenied, 403),
            (fault.Service, fault.Operation, fault.Code, fault.Kind, fault.HttpStatus));
        Assert.Null(source.FaultFor(Create with { AccountId = "333333333333" }));
        Assert.Null(source.FaultFor(Create with { Operation = "DeleteAccessKey" }));
    }

    [Fact]
    public void FaultFor_OnCallRule_FailsOnlyListedMatchingCalls()
    {
        var rule = FaultRule.OnCall("iam", null, null, FailureKind.Throttling, 2, 4);
        var source = new RuleBasedFaultSource(rule);

        var failed = Enumerable.Range(1, 5).Select(_ => source.FaultFor(Create) is not null).ToArray();
        source.FaultFor(new SimulatedCall("sns", "Publish", "111111111111"));

        Assert.Equal([false, true, false, true, false], failed);
        Assert.Equal(5, source.MatchCount(rule));
    }

    [Fact]
    public void FaultFor_RuleRemoved_CallsGoThrough()
    {
        var rule = FaultRule.Always(null, null);
        var source = new RuleBasedFaultSource(rule);
        Assert.NotNull(source.FaultFor(Create));

        Assert.True(source.Remove(rule));

        Assert.Null(source.FaultFor(Create));
    }

    [Fact]
    public void FaultFor_ExplicitCodeAndStatus_Used()
    {
        var source = new RuleBasedFaultSource(new FaultRule
        {
            Kind = FailureKind.Throttling, Code = "RequestLimitExceeded", HttpStatus = 429, Detail = "slow down",
        });

        var fault = source.FaultFor(Create)!;

        Assert.Equal(("RequestLimitExceeded", 429), (fault.Code, fault.HttpStatus));
        Assert.Contains("slow down", fault.Message, StringComparison.Ordinal);
        Assert.True(fault.IsRetryable);
    }

    [Fact]
    public void FaultFor_ManyThreads_EveryCallCountedOnce()
    {
        var rule = FaultRule.OnCall(null, null, null, FailureKind.Transient, 500);
        var source = new RuleBasedFaultSource(rule);
        var faults = 0;

        Parallel.For(0, 1000, _ =>
        {
            if (source.FaultFor(Create) is not null)
            {
                Interlocked.Increment(ref faults);
            }
        });

        Assert.Equal(1000, source.MatchCount(rule));
        Assert.Equal(1, faults);
    }

    [Fact]
    public async Task Gate_FaultedCall_CountedAndRaisedBeforeAnyChange()
    {
        var user = new SimulatedUser { Name = "alice" };
        var account = new SimulatedAccount { Id = "222222222222", Name = "dev" };
        account.Users.Add(user);
        var org = new SimulatedOrganization();
        org.Accounts.Add(account);
        var faults = new RuleBasedFaultSource(FaultRule.OnCall("iam", "CreateAccessKey", "222222222222", FailureKind.Transient, 1));
        var world = new SimulatedWorld(org, new FixedClock(), seed: 3, [faults]);
        var identity = (await world.AccountAccess.OpenAsync("222222222222", CancellationToken.None)).Identity;

        await Assert.ThrowsAsync<ServiceException>(() => identity.CreateAccessKeyAsync("alice", CancellationToken.None));
        await identity.CreateAccessKeyAsync("alice", CancellationToken.None);

        Assert.Single(user.AccessKeys);
        Assert.Equal(2, world.Gate.CallsTo(OperationNames.CreateAccessKey));
        Assert.Equal(1, world.Gate.CallsTo(OperationNames.AssumeRole));
    }

    [Fact]
    public async Task Gate_CancelledToken_ThrowsWithoutCounting()
    {
        var gate = new SimulationGate();
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            gate.PassAsync("iam", "ListUsers", "222222222222", cancel.Token).AsTask());

        Assert.Empty(gate.CallsByOperation);
    }
}
