using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Resilience.RateLimits;
using KeyRotation.Simulation.Ports;
using Microsoft.Extensions.Time.Testing;

namespace KeyRotation.Engine.Tests.Resilience.RateLimits;

public class SharedOrganizationsPaceTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-12-07T12:00:00Z"));
    private readonly InMemoryOrganizationsTurns turns = new();

    private SharedOrganizationsPace Pace(int burst = 1) => new(turns, perSecond: 2, burst, time);

    [Fact]
    public async Task AcquireAsync_TwoInvocationsOneStore_GrantTurnsOneIntervalApart()
    {
        var (first, second) = (Pace(), Pace());

        var grants = new[] { first, second, first, second }.Select(pace => pace.AcquireAsync().AsTask()).ToArray();

        Assert.True(grants[0].IsCompletedSuccessfully);
        for (var i = 1; i < grants.Length; i++)
        {
            Assert.All(grants[i..], grant => Assert.False(grant.IsCompleted));
            time.Advance(Interval);
            Assert.True((await grants[i].WaitAsync(Patience)).IsAcquired);
        }

        Assert.Equal(time.GetUtcNow() + Interval, turns.Next);
    }

    [Fact]
    public async Task AcquireAsync_AfterIdle_GrantsBurstAtOnceThenPaces()
    {
        var pace = Pace(burst: 2);
        time.Advance(TimeSpan.FromHours(1));

        var grants = Enumerable.Range(0, 3).Select(_ => pace.AcquireAsync().AsTask()).ToArray();

        Assert.True(grants[0].IsCompletedSuccessfully);
        Assert.True(grants[1].IsCompletedSuccessfully);
        Assert.False(grants[2].IsCompleted);
        time.Advance(Interval);
        Assert.True((await grants[2].WaitAsync(Patience)).IsAcquired);
    }

    [Fact]
    public async Task AcquireAsync_NextTurnBeyondHorizon_RestartsFromNow()
    {
        var now = time.GetUtcNow();
        Assert.True(await turns.TryRestartAsync(now + TimeSpan.FromHours(2), now, now, CancellationToken.None));

        var grant = Pace().AcquireAsync().AsTask();

        Assert.True(grant.IsCompletedSuccessfully);
        Assert.Equal(now + Interval, turns.Next);
    }

    [Fact]
    public async Task AcquireAsync_TurnMovesBetweenEveryTry_ThrowsRetryableErrorNamingTheStore()
    {
        var contended = new AlwaysMovedTurns();

        var error = await Assert.ThrowsAsync<ServiceException>(
            () => new SharedOrganizationsPace(contended, 2, 1, time).AcquireAsync().AsTask());

        Assert.True(error.IsRetryable);
        Assert.Contains("'contended-table'", error.Message, StringComparison.Ordinal);
        Assert.Equal(SharedOrganizationsPace.Attempts * 2, contended.Calls);
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileWaitingForTurn_Throws()
    {
        var pace = Pace();
        await pace.AcquireAsync();
        using var cancellation = new CancellationTokenSource();

        var waiting = pace.AcquireAsync(1, cancellation.Token).AsTask();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    private sealed class AlwaysMovedTurns : IOrganizationsTurns
    {
        public int Calls;

        public string Name => "contended-table";

        public Task<DateTimeOffset?> TryTakeNextAsync(TimeSpan interval, DateTimeOffset earliest, DateTimeOffset latest, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult<DateTimeOffset?>(null);
        }

        public Task<bool> TryRestartAsync(DateTimeOffset next, DateTimeOffset earliest, DateTimeOffset latest, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(false);
        }
    }
}
