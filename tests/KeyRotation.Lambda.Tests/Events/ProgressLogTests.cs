using KeyRotation.Engine.Sweep;
using KeyRotation.Lambda.Events;
using Microsoft.Extensions.Logging;

namespace KeyRotation.Lambda.Tests.Events;

public sealed class ProgressLogTests
{
    [Fact]
    public void Report_SweepOf250Accounts_LinesWhenListedPerHundredAndAtTheEnd()
    {
        var logger = new Capturing();
        var log = new ProgressLog(logger, "run-1");

        log.Report(new SweepProgress(null, 0, 0, 0, 0, 0, 0, TimeSpan.Zero));
        for (var done = 3; done <= 250; done++)
        {
            log.Report(new SweepProgress(250, done - 3, 0, 0, 3, 0, done / 10, TimeSpan.FromSeconds(done)));
        }

        Assert.Equal([3, 100, 200, 250], logger.Lines.Select(l => (int)l["done"]!));
        Assert.All(logger.Lines, l => Assert.Equal((ProgressLog.Event, "run-1", 250), ((string)l["eventName"]!, (string)l["runId"]!, (int)l["accounts"]!)));
        var last = logger.Lines[^1];
        Assert.Equal((247, 3, 25L, 250L), ((int)last["processed"]!, (int)last["skipped"]!, (long)last["retries"]!, (long)last["elapsedSeconds"]!));
    }

    /// <summary>Keeps each line's structured state, as the JSON console formatter writes it under State.</summary>
    private sealed class Capturing : ILogger
    {
        public List<Dictionary<string, object?>> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(((IEnumerable<KeyValuePair<string, object?>>)state!).ToDictionary(p => p.Key, p => p.Value));
    }
}
