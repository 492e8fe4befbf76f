using KeyRotation.Core.Audit;
using KeyRotation.Cli.Tests.Support;

namespace KeyRotation.Cli.Tests;

public sealed class SimulatedAuditOrderTests
{
    [Fact]
    public async Task Demo_EventsInStoreOrder_RunStartedFirstRunFinishedLastAtDistinctInstants()
    {
        var run = await CliRun.Of("demo");

        Assert.Equal(0, run.ExitCode);
        var events = Assert.Single(run.Worlds).AuditLog.Events;
        // The DynamoDB table sorts one account's events by "<occurredAt>#<eventId>"; a listing merges accounts by occurredAt.
        var listed = events.OrderBy(e => e.OccurredAt).ThenBy(e => e.EventId, StringComparer.Ordinal).ToList();
        Assert.True(events.Count > 10, $"only {events.Count} events");
        Assert.Equal(events.Count, events.Select(e => e.OccurredAt).Distinct().Count());
        Assert.Equal(AuditAction.RunStarted, listed[0].Action);
        Assert.Equal(AuditAction.RunFinished, listed[^1].Action);
        Assert.All(events, e => Assert.True(e.OccurredAt - CliRun.Now < TimeSpan.FromSeconds(1), $"{e.OccurredAt} strays from the evaluation instant"));
    }
}
