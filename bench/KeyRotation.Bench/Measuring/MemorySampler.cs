using System.Diagnostics;

namespace KeyRotation.Bench.Measuring;

/// <summary>
/// Samples the managed heap (GC.GetTotalMemory without collecting) every 50 ms while a run goes on, so each run
/// reports its own peak; the process's peak working set (Process.PeakWorkingSet64) only ever grows.
/// </summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Timer timer;
    private long peakHeap;

    private MemorySampler()
    {
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

    public static long PeakWorkingSetBytes
    {
        get
        {
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            return process.PeakWorkingSet64;
        }
    }

    /// <summary>Collects first, so the run starts from what earlier runs left alive.</summary>
    public static MemorySampler Start()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return new MemorySampler();
    }

    public void Dispose() => timer.Dispose();

    private void Sample()
    {
        var now = GC.GetTotalMemory(false);
        long seen;
        while (now > (seen = Interlocked.Read(ref peakHeap)) && Interlocked.CompareExchange(ref peakHeap, now, seen) != seen)
        {
        }
    }
}
