namespace KeyRotation.Bench.Measuring;

/// <summary>
/// Virtual time for a run's sequential start, scaled real time after it. The Organizations walk is hundreds to
/// tens of thousands of requests one after another at a few per second (minutes to hours simulated); on real timers it
/// would take as long, so until <see cref="EndVirtualPhase"/> every timer advances time by its due time at once (as
/// <see cref="VirtualClock"/> does, exact for sequential code), and from then on time runs at <c>scale</c> real
/// seconds per simulated second. A second timer armed while one is pending in the virtual phase means the start is
/// not sequential, and the clock refuses it rather than report a wrong time.
/// </summary>
internal sealed class PhasedClock(DateTimeOffset start, double scale) : TimeProvider
{
    private readonly Lock sync = new();
    private long virtualTicks;
    private long realStart = -1;
    private int pending;

    public double Scale => scale;

    /// <summary>Simulated time spent in the virtual phase.</summary>
    public TimeSpan VirtualElapsed => TimeSpan.FromTicks(Interlocked.Read(ref virtualTicks));

    public bool IsVirtual
    {
        get
        {
            lock (sync) return realStart < 0;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow() => start + TimeSpan.FromTicks(GetTimestamp());

    public override long GetTimestamp()
    {
        lock (sync)
        {
            return realStart < 0
                ? virtualTicks
                : virtualTicks + (long)(System.GetElapsedTime(realStart).Ticks / scale);
        }
    }

    /// <summary>From now on timers run on the system clock, scaled. Idempotent.</summary>
    public void EndVirtualPhase()
    {
        lock (sync)
        {
            if (realStart < 0)
            {
                realStart = System.GetTimestamp();
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (sync)
        {
            if (realStart >= 0)
            {
                return System.CreateTimer(callback, state, Real(dueTime), Real(period));
            }

            if (period != Timeout.InfiniteTimeSpan && period != TimeSpan.Zero)
            {
                throw new NotSupportedException("The virtual phase runs one-shot timers only.");
            }

            var timer = new OneShot(this, armed: dueTime != Timeout.InfiniteTimeSpan);
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                if (pending > 0)
                {
                    throw new InvalidOperationException(
                        "two timers pending at once in the virtual phase: the run's start is not sequential, so its virtual time would be wrong");
                }

                pending++;
                virtualTicks += Math.Max(0, dueTime.Ticks);
                ThreadPool.UnsafeQueueUserWorkItem(_ => timer.Fire(callback, state), null);
            }

            return timer;
        }
    }

    private TimeSpan Real(TimeSpan simulated) =>
        simulated == Timeout.InfiniteTimeSpan ? simulated : TimeSpan.FromTicks((long)Math.Ceiling(simulated.Ticks * scale));

    /// <summary>A real duration after the virtual phase, in simulated time.</summary>
    public TimeSpan ToSimulated(TimeSpan real) => TimeSpan.FromTicks((long)(real.Ticks / scale));

    private void Done()
    {
        lock (sync) pending--;
    }

    private sealed class OneShot(PhasedClock clock, bool armed) : ITimer
    {
        private int state = armed ? 0 : 2;

        public void Fire(TimerCallback callback, object? argument)
        {
            if (Interlocked.CompareExchange(ref state, 1, 0) == 0)
            {
                clock.Done();
                callback(argument);
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose()
        {
            if (Interlocked.CompareExchange(ref state, 2, 0) == 0)
            {
                clock.Done();
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
