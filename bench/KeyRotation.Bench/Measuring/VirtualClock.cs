namespace KeyRotation.Bench.Measuring;

/// <summary>
/// A clock for strictly sequential code: a timer moves time forward by its due time at once and then fires, so a
/// run that waits on one delay at a time takes exactly the sum of its delays, in no real time at all. Wrong for
/// parallel code (two waiters would both be served at once), which is why only the sequential baseline uses it.
/// </summary>
internal sealed class VirtualClock(DateTimeOffset start) : TimeProvider
{
    private long elapsedTicks;

    public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref elapsedTicks));

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow() => start + Elapsed;

    public override long GetTimestamp() => Interlocked.Read(ref elapsedTicks);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (period != Timeout.InfiniteTimeSpan && period != TimeSpan.Zero)
        {
            throw new NotSupportedException("The virtual clock runs one-shot timers only.");
        }

        var timer = new OneShot();
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Interlocked.Add(ref elapsedTicks, Math.Max(0, dueTime.Ticks));
            // Fired off the caller's stack: the awaiting code registers its continuation before it runs.
            ThreadPool.UnsafeQueueUserWorkItem(_ => timer.Fire(callback, state), null);
        }

        return timer;
    }

    private sealed class OneShot : ITimer
    {
        private int disposed;

        public void Fire(TimerCallback callback, object? state)
        {
            if (Volatile.Read(ref disposed) == 0)
            {
                callback(state);
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose() => Interlocked.Exchange(ref disposed, 1);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
