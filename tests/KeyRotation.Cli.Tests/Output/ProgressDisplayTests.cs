using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Output;
using KeyRotation.Cli.Settings;
using KeyRotation.Engine.Sweep;
using Microsoft.Extensions.Time.Testing;

namespace KeyRotation.Cli.Tests.Output;

public sealed class ProgressDisplayTests : IDisposable
{
    private static readonly SweepProgress Listing = new(null, 0, 0, 0, 0, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();

    [Fact]
    public void Plain_LongRun_LineEveryIntervalWithElapsedMovingAndLastLineAtEnd()
    {
        using (var display = Start(ProgressMode.Auto, terminal: false))
        {
            display.Report(Listing);
            clock.Advance(TimeSpan.FromSeconds(3));
            display.Report(new SweepProgress(120, 0, 0, 0, 2, 0, 0, TimeSpan.FromSeconds(3)));
            clock.Advance(TimeSpan.FromSeconds(6));
            Assert.Equal("", error.ToString());

            clock.Advance(TimeSpan.FromSeconds(1));
            display.Report(new SweepProgress(120, 30, 1, 0, 2, 0, 14, TimeSpan.FromSeconds(10)));
            clock.Advance(TimeSpan.FromSeconds(10));
            display.Report(new SweepProgress(120, 110, 3, 4, 3, 0, 41, TimeSpan.FromSeconds(75)));
        }

        Assert.Equal(
        [
            "progress: 2/120 accounts (0 processed, 0 failed, 0 deferred, 2 skipped), 0 retries, 10s",
            "progress: 33/120 accounts (30 processed, 1 failed, 0 deferred, 2 skipped), 14 retries, 20s",
            "progress: 120/120 accounts (110 processed, 3 failed, 4 deferred, 3 skipped), 41 retries, 1m15s",
        ], Lines(error));
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public void Plain_NoReportForLong_LineStillComesWhileListing()
    {
        using var display = Start(ProgressMode.Auto, terminal: false);
        display.Report(Listing);

        clock.Advance(TimeSpan.FromSeconds(10));
        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(
            ["progress: listing the organization's accounts, 10s", "progress: listing the organization's accounts, 20s"],
            Lines(error));
    }

    [Fact]
    public void Auto_RunShorterThanInterval_WritesNothing()
    {
        using (var display = Start(ProgressMode.Auto, terminal: false))
        {
            display.Report(Listing);
            display.Report(new SweepProgress(7, 4, 0, 0, 3, 0, 2, TimeSpan.FromSeconds(1)));
            clock.Advance(TimeSpan.FromSeconds(9));
        }

        Assert.Equal("", error.ToString());
    }

    [Fact]
    public void Always_RunShorterThanInterval_LineWhenListedAndAtEnd()
    {
        using (var display = Start(ProgressMode.Always, terminal: false))
        {
            display.Report(Listing);
            display.Report(new SweepProgress(7, 0, 0, 0, 3, 0, 0, TimeSpan.Zero));
            display.Report(new SweepProgress(7, 3, 1, 0, 3, 0, 2, TimeSpan.FromSeconds(1)));
            display.Report(new SweepProgress(7, 2, 1, 0, 3, 1, 2, TimeSpan.FromSeconds(2)));
        }

        Assert.Equal(
        [
            "progress: 3/7 accounts (0 processed, 0 failed, 0 deferred, 3 skipped), 0 retries, 0s",
            "progress: 7/7 accounts (2 processed, 1 failed, 0 deferred, 3 skipped, 1 interrupted), 2 retries, 2s",
        ], Lines(error));
    }

    [Fact]
    public void Terminal_ReportsAndTicks_OneLineRedrawnInPlaceThenCleared()
    {
        using (var display = Start(ProgressMode.Auto, terminal: true))
        {
            display.Report(new SweepProgress(1200, 100, 0, 0, 10, 0, 5, TimeSpan.FromSeconds(61)));
            clock.Advance(TimeSpan.FromMilliseconds(250));
            clock.Advance(TimeSpan.FromMilliseconds(250));
            display.Report(new SweepProgress(1200, 200, 0, 0, 10, 0, 5, TimeSpan.FromSeconds(62)));
            clock.Advance(TimeSpan.FromMilliseconds(250));
        }

        const string first = "110/1200 accounts (100 processed, 0 failed, 0 deferred, 10 skipped), 5 retries, 1m01s";
        const string second = "210/1200 accounts (200 processed, 0 failed, 0 deferred, 10 skipped), 5 retries, 1m02s";
        // The second tick showed the same text, so nothing was drawn; the end blanks the line and returns to its start.
        Assert.Equal("\r" + first + "\r" + second + "\r" + new string(' ', second.Length) + "\r", error.ToString());
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public void Terminal_ShorterLineAfterLonger_PaddedOverTheOldTail()
    {
        using var display = Start(ProgressMode.Auto, terminal: true);
        display.Report(new SweepProgress(10_000, 9_000, 100, 100, 100, 0, 123_456, TimeSpan.FromHours(2)));
        clock.Advance(TimeSpan.FromMilliseconds(250));
        display.Report(new SweepProgress(1, 1, 0, 0, 0, 0, 0, TimeSpan.Zero));
        clock.Advance(TimeSpan.FromMilliseconds(250));

        var drawn = error.ToString().Split('\r', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, drawn.Length);
        Assert.Equal(drawn[0].Length, drawn[1].Length);
        Assert.StartsWith("1/1 accounts", drawn[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Never_NoDisplay()
    {
        Assert.Null(ProgressDisplay.Start(new ProgressSettings(ProgressMode.Never), Environment(terminal: true)));
    }

    [Fact]
    public void Plain_StderrBroken_ReportsTicksAndEndDoNotThrow()
    {
        var display = ProgressDisplay.Start(new ProgressSettings(ProgressMode.Always),
            new CliEnvironment(output, new BrokenWriter(), clock, new Random(1)))!;

        display.Report(Listing);
        display.Report(new SweepProgress(7, 0, 0, 0, 3, 0, 0, TimeSpan.Zero));
        clock.Advance(TimeSpan.FromSeconds(10));
        display.Dispose();
    }

    public void Dispose()
    {
        output.Dispose();
        error.Dispose();
    }

    private ProgressDisplay Start(ProgressMode mode, bool terminal) =>
        ProgressDisplay.Start(new ProgressSettings(mode), Environment(terminal))!;

    private CliEnvironment Environment(bool terminal) =>
        new(output, error, clock, new Random(1)) { ErrorIsTerminal = terminal };

    private static string[] Lines(StringWriter writer) =>
        writer.ToString().Split(writer.NewLine, StringSplitOptions.RemoveEmptyEntries);

    private sealed class BrokenWriter : StringWriter
    {
        public override void Write(string? value) => throw new IOException("Broken pipe");
    }
}
