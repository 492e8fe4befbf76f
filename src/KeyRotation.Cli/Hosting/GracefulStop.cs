namespace KeyRotation.Cli.Hosting;

/// <summary>
/// The stop a signal asks for (<see cref="StopSignals"/>), or a test through the same path: from the first request on,
/// the run starts no account, user or change, lets those in flight finish and be recorded, writes its report and
/// exits with the signal's code. Thread-safe; one per process.
/// </summary>
internal sealed class GracefulStop : IDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private int exitCode;

    /// <summary>Cancelled at the first request; becomes the engine's <c>RotationRunOptions.Stopping</c>.</summary>
    public CancellationToken Token => stopping.Token;

    /// <summary>The exit code of the first request (130 for SIGINT, 143 for SIGTERM), or null when none came.</summary>
    public int? ExitCode => Volatile.Read(ref exitCode) is var code and not 0 ? code : null;

    /// <returns>True for the first request; false when a stop is already under way (the caller then stops at once).</returns>
    public bool Request(int code)
    {
        if (Interlocked.CompareExchange(ref exitCode, code, 0) != 0)
        {
            return false;
        }

        stopping.Cancel();
        return true;
    }

    public void Dispose() => stopping.Dispose();
}
