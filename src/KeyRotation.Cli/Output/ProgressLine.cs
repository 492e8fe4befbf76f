using KeyRotation.Engine.Sweep;

namespace KeyRotation.Cli.Output;

/// <summary>The text of one progress report, the same on a terminal's live line and in a log.</summary>
internal static class ProgressLine
{
    public static string For(SweepProgress progress)
    {
        if (progress.Accounts is not { } accounts)
        {
            return $"listing the organization's accounts, {Elapsed(progress.Elapsed)}";
        }

        var interrupted = progress.Interrupted > 0 ? $", {progress.Interrupted} interrupted" : "";
        return $"{progress.Done}/{accounts} accounts ({progress.Processed} processed, {progress.Failed} failed, "
            + $"{progress.Deferred} deferred, {progress.Skipped} skipped{interrupted}), "
            + $"{progress.Retries} retries, {Elapsed(progress.Elapsed)}";
    }

    /// <summary>Whole seconds, largest unit first: 45s, 2m05s, 1h02m05s.</summary>
    public static string Elapsed(TimeSpan elapsed)
    {
        var seconds = (long)Math.Max(0, elapsed.TotalSeconds);
        var (hours, minutes, rest) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
        return hours > 0 ? $"{hours}h{minutes:D2}m{rest:D2}s"
            : minutes > 0 ? $"{minutes}m{rest:D2}s"
            : $"{rest}s";
    }
}
