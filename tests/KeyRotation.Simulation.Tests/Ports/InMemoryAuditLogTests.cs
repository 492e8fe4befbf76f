using KeyRotation.Core.Audit;
using KeyRotation.Simulation.Ports;
using KeyRotation.Simulation.Tests.Support;

namespace KeyRotation.Simulation.Tests.Ports;

public sealed class InMemoryAuditLogTests
{
    private static AuditEvent Event(
        string id, int minutes, string action = "DeactivateKey", string outcome = AuditOutcome.Succeeded,
        string account = "222222222222", string? key = "AKIAKEYEXAMPLE000001", string run = "run-1") => new()
        {
            EventId = id,
            OccurredAt = FixedClock.Now.AddMinutes(minutes),
            RunId = run,
            AccountId = account,
            UserName = "alice",
            AccessKeyId = key,
            Action = action,
            Outcome = outcome,
            ToolVersion = "test",
        };

    [Fact]
    public async Task AppendAsync_SameEventIdTwice_FirstKept()
    {
        var log = new InMemoryAuditLog();

        await log.AppendAsync([Event("e1", 0, outcome: AuditOutcome.Planned)], CancellationToken.None);
        await log.AppendAsync([Event("e1", 5), Event("e2", 1)], CancellationToken.None);

        Assert.Equal(["e1", "e2"], log.Events.Select(e => e.EventId));
        Assert.Equal(AuditOutcome.Planned, log.Events[0].Outcome);
    }

    [Fact]
    public async Task LastDeactivationsAsync_MixedHistory_LatestSucceededPerKeyOfThatAccount()
    {
        var log = new InMemoryAuditLog();
        log.Seed([
            Event("a", 10),
            Event("b", 20),
            Event("c", 30, outcome: AuditOutcome.Failed),
            Event("d", 40, outcome: AuditOutcome.Planned),
            Event("e", 50, action: "DeleteKey"),
            Event("f", 60, account: "333333333333"),
            Event("g", 5, key: "AKIAKEYEXAMPLE000002"),
            Event("h", 5, key: "AKIAKEYEXAMPLE000003"),
        ]);

        var last = await log.LastDeactivationsAsync("222222222222", ["AKIAKEYEXAMPLE000001", "AKIAKEYEXAMPLE000002", "AKIAKEYEXAMPLE000009"],
            CancellationToken.None);

        Assert.Equal(2, last.Count);
        Assert.Equal(FixedClock.Now.AddMinutes(20), last["AKIAKEYEXAMPLE000001"]);
        Assert.Equal(FixedClock.Now.AddMinutes(5), last["AKIAKEYEXAMPLE000002"]);
    }

    [Fact]
    public async Task QueryAsync_FiltersOrderAndLimit()
    {
        var log = new InMemoryAuditLog();
        log.Seed([Event("late", 30), Event("early", 10), Event("other-run", 20, run: "run-2"), Event("mid", 20)]);

        var runOne = await ToListAsync(log.QueryAsync(new AuditQuery { RunId = "run-1" }, CancellationToken.None));
        var firstTwo = await ToListAsync(log.QueryAsync(new AuditQuery { Limit = 2 }, CancellationToken.None));
        var window = await ToListAsync(log.QueryAsync(
            new AuditQuery { Since = FixedClock.Now.AddMinutes(20), Until = FixedClock.Now.AddMinutes(30) }, CancellationToken.None));

        Assert.Equal(["early", "mid", "late"], runOne.Select(e => e.EventId));
        Assert.Equal(["early", "other-run"], firstTwo.Select(e => e.EventId));
        Assert.Equal(["other-run", "mid"], window.Select(e => e.EventId));
    }

    private static async Task<List<AuditEvent>> ToListAsync(IAsyncEnumerable<AuditEvent> source)
    {
        var list = new List<AuditEvent>();
        await foreach (var e in source)
        {
            list.Add(e);
        }

        return list;
    }

    [Fact]
    public async Task UnresolvedAsync_IntentsOfAccountsAndTimes_OpenOnesOfThatAccountSinceOnly()
    {
        var log = new InMemoryAuditLog();
        log.Seed([
            Event("open", 0, "CreateKey", AuditOutcome.Intended, key: null),
            Event("done", 1, outcome: AuditOutcome.Intended),
            Event("outcome", 2) with { IntentId = "done" },
            Event("old", -60, "CreateKey", AuditOutcome.Intended, key: null),
            Event("elsewhere", 0, "CreateKey", AuditOutcome.Intended, account: "333333333333", key: null),
        ]);

        var work = await log.UnresolvedAsync("222222222222", FixedClock.Now.AddMinutes(-30), CancellationToken.None);

        Assert.Equal(["open"], work.OpenIntents.Select(e => e.EventId));
    }

    [Fact]
    public async Task QueryAsync_IntentsStored_ListedOnlyWhenAsked()
    {
        var log = new InMemoryAuditLog();
        log.Seed([Event("intent", 0, outcome: AuditOutcome.Intended), Event("outcome", 1) with { IntentId = "intent" }]);

        var outcomes = await ToListAsync(log.QueryAsync(new AuditQuery(), CancellationToken.None));
        var all = await ToListAsync(log.QueryAsync(new AuditQuery { IncludeIntents = true }, CancellationToken.None));

        Assert.Equal(["outcome"], outcomes.Select(e => e.EventId));
        Assert.Equal(["intent", "outcome"], all.Select(e => e.EventId));
    }
}
