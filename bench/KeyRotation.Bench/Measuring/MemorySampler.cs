using System.Diagnostics;
using System.Runtime;

namespace KeyRotation.Bench.Measuring;

/// <summary>
/// Samples the managed heap (GC.GetTotalMemory without collecting) every 50 ms while a run goes on, so each run
/// reports its own peak. The process's peak working set (Process.PeakWorkingSet64, Linux's VmHWM) is reset when a
/// run starts where the kernel allows it (<c>/proc/self/clear_refs</c>), so it is the run's own too; elsewhere it is
/// cumulative over the process (<see cref="PeakWorkingSetIsPerRun"/> says which).
/// </summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Timer timer;
    private long peakHeap;

    private MemorySampler(bool perRun)
    {
        PeakWorkingSetIsPerRun = perRun;
        WorkingSetAtStartBytes = WorkingSetBytes;
        peakHeap = GC.GetTotalMemory(false);
        timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(50));
    }

    public long PeakHeapBytes
    {
        get
        {
            Sample();
            return Interlocked.Read(ref peakHeap);
        }
    }

    /// <summary>True when the peak working set was reset at <see cref="Start"/>: it is this run's, not the process's.</summary>
    public bool PeakWorkingSetIsPerRun { get; }

    /// <summary>The working set when the run started: the runtime, the code, the world and what the heap kept committed.</summary>
    public long WorkingSetAtStartBytes { get; }

    public static long WorkingSetBytes
    {
        get
        {
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            return process.WorkingSet64;
        }
    }

    public static long PeakWorkingSetBytes
    {
        get
        {
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            return process.PeakWorkingSet64;
        }
    }

    /// <summary>
    /// What is reachable now: the heap after full, compacting collections (large objects included), so garbage and
    /// what earlier runs left behind are not counted.
    /// </summary>
    public static long LiveHeapBytes()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(false);
    }

    /// <summary>
    /// Collects first, so the run starts from what earlier runs left alive, hands the freed memory back to the
    /// operating system, and resets the peak working set to what the process holds now.
    /// </summary>
    public static MemorySampler Start()
    {
        LiveHeapBytes();
        return new MemorySampler(TryResetPeakWorkingSet());
    }

    public void Dispose() => timer.Dispose();

    /// <summary>Linux: writing 5 to clear_refs sets VmHWM (the peak resident set) to the current resident set.</summary>
    private static bool TryResetPeakWorkingSet()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }

    private void Sample()
    {
        var now = GC.GetTotalMemory(false);
        long seen;
        while (now > (seen = Interlocked.Read(ref peakHeap)) && Interlocked.CompareExchange(ref peakHeap, now, seen) != seen)
        {
        }
    }
}
