using KeyRotation.Engine.Ports;

namespace KeyRotation.Simulation.Ports;

/// <summary>
/// The Organizations turns table in memory, with DynamoDB's conditional-write answers: the next free turn, moved only
/// when its condition holds. Each call may cost <paramref name="latency"/> on <paramref name="time"/>, as a round
/// trip to the table does (the benchmark charges DynamoDB's 10 ms). Counts its writes so tests can see what a run asked.
/// </summary>
public sealed class InMemoryOrganizationsTurns(TimeProvider? time = null, TimeSpan latency = default, string name = "turns-example")
    : IOrganizationsTurns
{
    private readonly Lock sync = new();
    private DateTimeOffset? next;
    private long writes;

    public string Name => name;

    /// <summary>The next free turn; null before the first restart.</summary>
    public DateTimeOffset? Next
    {
        get
        {
            lock (sync) return next;
        }
    }

    /// <summary>Conditional writes asked for, whether their condition held or not.</summary>
    public long Writes => Interlocked.Read(ref writes);

    public async Task<DateTimeOffset?> TryTakeNextAsync(
        TimeSpan interval, DateTimeOffset earliest, DateTimeOffset latest, CancellationToken cancellationToken)
    {
        await RoundTripAsync(cancellationToken);
        lock (sync)
        {
            if (next is not { } turn || turn < earliest || turn > latest) return null;
            next = turn + interval;
            return turn;
        }
    }

    public async Task<bool> TryRestartAsync(
        DateTimeOffset next, DateTimeOffset earliest, DateTimeOffset latest, CancellationToken cancellationToken)
    {
        await RoundTripAsync(cancellationToken);
        lock (sync)
        {
            if (this.next is { } turn && turn >= earliest && turn <= latest) return false;
            this.next = next;
            return true;
        }
    }

    private async ValueTask RoundTripAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref writes);
        if (latency > TimeSpan.Zero) await Task.Delay(latency, time ?? TimeProvider.System, cancellationToken);
    }
}
