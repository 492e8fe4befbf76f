namespace KeyRotation.Engine.Tests.FaultSuite;

/// <summary>Backoff and rate-limit waits end at once, so hundreds of faulted sweeps take no real time.</summary>
internal sealed class InstantWaits : TimeProvider
{
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class Timer(TimerCallback callback, object? state) : ITimer
    {
        private int disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime != Timeout.InfiniteTimeSpan && Volatile.Read(ref disposed) == 0)
            {
                ThreadPool.QueueUserWorkItem(_ =>
                {
                    if (Volatile.Read(ref disposed) == 0) callback(state);
                });
            }

            return Volatile.Read(ref disposed) == 0;
        }

        public void Dispose() => Interlocked.Exchange(ref disposed, 1);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
