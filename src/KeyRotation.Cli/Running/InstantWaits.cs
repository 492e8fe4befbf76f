namespace KeyRotation.Cli.Running;

/// <summary>
/// The clock a simulation's resilience layer waits on: every backoff and rate-limit wait ends at once, while
/// timestamps (and so elapsed time and the time budget) come from the host's clock. Simulated services do not
/// recover with time, so sleeping would only slow the run down; the report's retry count shows what happened.
/// </summary>
internal sealed class InstantWaits(TimeProvider host) : TimeProvider
{
    public override long TimestampFrequency => host.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => host.GetUtcNow();

    public override long GetTimestamp() => host.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new Timer(callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Fires once on the thread pool whenever it is armed; a period is ignored (nothing here repeats).</summary>
    private sealed class Timer(TimerCallback callback, object? state) : ITimer
    {
        private int disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (Volatile.Read(ref disposed) != 0)
            {
                return false;
            }

            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                ThreadPool.QueueUserWorkItem(_ =>
                {
                    if (Volatile.Read(ref disposed) == 0)
                    {
                        callback(state);
                    }
                });
            }

            return true;
        }

        public void Dispose() => Interlocked.Exchange(ref disposed, 1);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
