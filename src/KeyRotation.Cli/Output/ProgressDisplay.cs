using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Settings;
using KeyRotation.Engine.Sweep;

namespace KeyRotation.Cli.Output;

/// <summary>
/// Shows a sweep's progress on stderr: on a terminal one live line redrawn in place (carriage return, padded over
/// the previous text) and cleared at the end; otherwise a plain line every <see cref="ProgressSettings.Interval"/>.
/// Driven by the sweep's reports and a timer on the command's clock, so the elapsed time moves between accounts and
/// tests drive it with a fake clock. Never writes to stdout. Thread-safe.
/// </summary>
internal sealed class ProgressDisplay : IProgress<SweepProgress>, IDisposable
{
    public const string Prefix = "progress: ";

    private readonly Lock gate = new();
    private readonly TextWriter error;
    private readonly bool terminal;
    private readonly ProgressSettings settings;
    private readonly TimeProvider time;
    private readonly ITimer timer;
    private SweepProgress? latest;
    private long latestAt;
    private string drawn = "";
    private int lines;
    private bool finished;

    private ProgressDisplay(TextWriter error, bool terminal, ProgressSettings settings, TimeProvider time)
    {
        this.error = error;
        this.terminal = terminal;
        this.settings = settings;
        this.time = time;
        var period = terminal ? settings.RedrawInterval : settings.Interval;
        timer = time.CreateTimer(_ => Tick(), null, period, period);
    }

    /// <returns>Null for <see cref="ProgressMode.Never"/>.</returns>
    public static ProgressDisplay? Start(ProgressSettings settings, CliEnvironment environment) =>
        settings.Mode == ProgressMode.Never
            ? null
            : new ProgressDisplay(environment.Error, environment.ErrorIsTerminal, settings, environment.Time);

    public void Report(SweepProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (gate)
        {
            if (finished)
            {
                return;
            }

            var justListed = latest?.Accounts is null && value.Accounts is not null;
            latest = value;
            latestAt = time.GetTimestamp();
            if (justListed && !terminal && settings.Mode == ProgressMode.Always)
            {
                WriteLine(value);
            }
        }
    }

    /// <summary>
    /// Clears the live line, or writes the last plain line (only if one was written before, or in
    /// <see cref="ProgressMode.Always"/>); nothing is shown after it. Call before anything else goes to stderr.
    /// </summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (finished)
            {
                return;
            }

            timer.Dispose();
            if (terminal && drawn.Length > 0)
            {
                Write("\r" + new string(' ', drawn.Length) + "\r");
            }
            else if (!terminal && latest is not null && (lines > 0 || settings.Mode == ProgressMode.Always))
            {
                WriteLine(latest);
            }

            finished = true;
        }
    }

    private void Tick()
    {
        lock (gate)
        {
            if (finished || latest is null)
            {
                return;
            }

            // The last report's figures, with the time since it added: an account can take minutes.
            var now = latest with { Elapsed = latest.Elapsed + time.GetElapsedTime(latestAt) };
            if (!terminal)
            {
                WriteLine(now);
                return;
            }

            var text = ProgressLine.For(now);
            if (text != drawn)
            {
                // Padded over a longer previous line's tail rather than erased with an escape sequence.
                Write("\r" + text + new string(' ', Math.Max(0, drawn.Length - text.Length)));
                drawn = text;
            }
        }
    }

    private void WriteLine(SweepProgress progress)
    {
        Write(Prefix + ProgressLine.For(progress) + error.NewLine);
        lines++;
    }

    private void Write(string text)
    {
        try
        {
            error.Write(text);
            error.Flush();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // stderr is gone: the run goes on, its report and exit code still say how it ended.
            finished = true;
            timer.Dispose();
        }
    }
}
