using System.Text.Json;
using KeyRotation.Core.Audit;
using KeyRotation.Core.Facts;
using KeyRotation.Core.Planning;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Sweep;
using KeyRotation.Engine.Tests.Support;
using KeyRotation.Simulation.Faults;
using static KeyRotation.Engine.Tests.Support.Org;

namespace KeyRotation.Engine.Tests.Sweep;

public sealed class AuditTrailTests
{
    private static Harness Rotating() =>
        new(Of(Account("222222222222", IdleOldUser("alice", "AKIAALICEEXAMPLEOLD1"), DueUser("bob", "AKIABOBEXAMPLE0OLD01"))));

    [Fact]
    public async Task RunAsync_AuditStoreDownAtStart_ThrowsBeforeAnyDiscoveryOrChange()
    {
        var harness = Rotating();
        harness.Faults.Add(FaultRule.Always(OperationNames.Audit, OperationNames.EnsureWritable, kind: FailureKind.AccessDenied));
        var before = Snapshot(harness.Organization);

        var error = await Assert.ThrowsAsync<AuditUnavailableException>(() => harness.RunAsync());

        Assert.Contains("audit store is not writable", error.Message, StringComparison.Ordinal);
        Assert.Contains("AccessDenied", error.Message, StringComparison.Ordinal);
        Assert.IsType<ServiceException>(error.InnerException);
        Assert.Equal(0, harness.World.Gate.CallsTo(OperationNames.ListRoots));
        Assert.Equal(0, harness.World.Gate.CallsTo(OperationNames.AssumeRole));
        Assert.Equal(before, Snapshot(harness.Organization));
        Assert.Empty(harness.World.AuditLog.Events);
    }

    [Fact]
    public async Task RunAsync_RunStartedRefused_ThrowsBeforeDiscovery()
    {
        var harness = Rotating();
        harness.Faults.Add(FaultRule.Always(OperationNames.Audit, OperationNames.AppendEvents));

        await Assert.ThrowsAsync<AuditUnavailableException>(() => harness.RunAsync());

        Assert.Equal(0, harness.World.Gate.CallsTo(OperationNames.ListRoots));
    }

    [Fact]
    public async Task RunAsync_AuditWritesFailAfterStart_NothingChangedWithoutItsIntentAndEventsKeptInReport()
    {
        var harness = Rotating();
        harness.Faults.Add(new FaultRule
        {
            Service = OperationNames.Audit,
            Operation = OperationNames.AppendEvents,
            OnCalls = Enumerable.Range(2, 1000).ToHashSet(),
        });

        var report = await harness.RunAsync();

        // Write-ahead: no intent stored, so no change was sent.
        Assert.Empty(harness.World.IssuedKeys);
        Assert.Equal(0, harness.Mutations);
        var stored = Assert.Single(harness.World.AuditLog.Events);
        Assert.Equal(AuditAction.RunStarted, stored.Action);
        var kept = report.UnwrittenAuditEvents;
        Assert.Equal(2, kept.Count(e => e.Action == nameof(ActionKind.CreateKey) && e.Outcome == AuditOutcome.Failed
            && e.Detail is not null && e.Error!.StartsWith("not attempted: the audit store refused its intent", StringComparison.Ordinal)));
        Assert.Single(kept, e => e.Action == nameof(ActionKind.DeactivateKey));
        Assert.DoesNotContain(kept, e => e.IsIntent);
        Assert.Single(kept, e => e.Action == AuditAction.RunFinished);
        Assert.Equal(kept.Count, kept.Select(e => e.EventId).Distinct().Count());
        Assert.Contains(report.Accounts[0].Notes, n => n.Contains("audit store refused", StringComparison.Ordinal));
        // The bare engine: nothing above the audit pipeline tries a refused batch again (the pipeline's own retries,
        // counted in the same tally, are pinned in AuditWriterRetryTests).
        Assert.Equal(0, harness.Retries.Count);
        Assert.Equal(harness.Retries.Count, report.Summary.Retries);
    }

    [Fact]
    public async Task RunAsync_AuditRecoversBeforeFinish_RefusedEventsWrittenAtTheEnd()
    {
        var harness = Rotating();
        var outage = FaultRule.Always(OperationNames.Audit, OperationNames.AppendEvents);
        var selection = await harness.Sweep.BeginRunAsync(harness.Options(), CancellationToken.None);
        harness.Faults.Add(outage);
        var account = await harness.Sweep.RotateAccountAsync(selection.Targets[0], harness.Options(), CancellationToken.None);
        Assert.NotEmpty(account.UnwrittenAuditEvents);
        harness.Faults.Remove(outage);

        var report = await harness.Sweep.FinishRunAsync(harness.Options(), [account]);

        Assert.Empty(report.UnwrittenAuditEvents);
        Assert.All(account.UnwrittenAuditEvents, e => Assert.Contains(harness.World.AuditLog.Events, s => s.EventId == e.EventId));
    }

    [Fact]
    public async Task RunAsync_RealRun_EveryActionAuditedWithItsContext()
    {
        var harness = Rotating();

        var report = await harness.RunAsync();

        var events = harness.World.AuditLog.Events;
        Assert.Equal(AuditAction.RunStarted, events[0].Action);
        Assert.Equal(AuditAction.RunFinished, events[^1].Action);
        Assert.Equal(Management, events[0].AccountId);
        var actionEvents = events.Where(e => e.UserName is not null && !e.IsIntent && e.Action != AuditAction.StoreSecret).ToArray();
        Assert.Equal(report.Accounts.SelectMany(a => a.Actions).Count(), actionEvents.Length);
        // Write-ahead: each change (create, store, deactivate) has its intent, and its outcome names it.
        var intents = events.Where(e => e.IsIntent).ToArray();
        Assert.Equal(["alice CreateKey", "alice DeactivateKey", "alice StoreSecret", "bob CreateKey", "bob StoreSecret"],
            intents.Select(e => $"{e.UserName} {e.Action}").Order(StringComparer.Ordinal));
        Assert.All(intents, i => Assert.Single(events, e => e.IntentId == i.EventId));
        Assert.All(intents, i => Assert.True(events.ToList().IndexOf(i) < events.ToList().FindIndex(e => e.IntentId == i.EventId)));
        Assert.All(events, e =>
        {
            Assert.Equal("run-1", e.RunId);
            Assert.Equal("simulation", e.Actor);
            Assert.Equal(Now, e.OccurredAt);
            Assert.False(string.IsNullOrWhiteSpace(e.ToolVersion));
            Assert.Equal("rotate=165,deactivate=180,delete=185,idle=10", e.Policy);
        });
        var deactivation = Assert.Single(actionEvents, e => e.Action == nameof(ActionKind.DeactivateKey));
        Assert.Equal(200, deactivation.KeyAgeDays);
        Assert.Equal(Now.AddDays(-30), deactivation.LastUsedAt);
        Assert.Equal(nameof(ReasonCode.PastDeactivateAgeAndIdle), deactivation.Reason);
    }

    [Fact]
    public async Task RunAsync_RunFinished_CarriesSummaryJson()
    {
        var harness = Rotating();

        var report = await harness.RunAsync();

        var summary = harness.World.AuditLog.Events.Single(e => e.Action == AuditAction.RunFinished).Summary;
        using var json = JsonDocument.Parse(summary!);
        Assert.Equal(1, json.RootElement.GetProperty("processed").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("actions").GetProperty("CreateKey").GetInt32());
        Assert.Equal(report.Summary.Accounts, json.RootElement.GetProperty("accounts").GetInt32());
    }

    [Fact]
    public async Task RunAsync_SameRunTwiceOnFreshWorlds_SameEventIds()
    {
        var first = Rotating();
        var second = Rotating();

        await first.RunAsync();
        await second.RunAsync();

        var firstIds = first.World.AuditLog.Events.Where(e => e.Action != nameof(ActionKind.CreateKey)).Select(e => e.EventId);
        var secondIds = second.World.AuditLog.Events.Where(e => e.Action != nameof(ActionKind.CreateKey)).Select(e => e.EventId);
        Assert.Equal(firstIds.Order(StringComparer.Ordinal), secondIds.Order(StringComparer.Ordinal));
        Assert.Equal(first.World.AuditLog.Events.Count, first.World.AuditLog.Events.Select(e => e.EventId).Distinct().Count());
    }

    [Fact]
    public async Task RunAsync_AuditQueryFailsForAccount_AccountFailedNothingChanged()
    {
        var harness = new Harness(Of(Account("222222222222",
            User("erin", Key("AKIAERINEXAMPLE0NEW1", 20, 1), Key("AKIAERINEXAMPLE0OLD1", 190, 30, AccessKeyStatus.Inactive)))));
        harness.Faults.Add(FaultRule.Always(OperationNames.Audit, OperationNames.LastDeactivations));

        var report = await harness.RunAsync();

        var account = Assert.Single(report.Accounts);
        Assert.Equal(Reporting.AccountStatus.Failed, account.Status);
        Assert.Contains("reading past deactivations", account.Error, StringComparison.Ordinal);
        Assert.Equal(0, harness.Mutations);
    }
}
