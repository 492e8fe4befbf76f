using System.CommandLine;
using KeyRotation.Core.Text;

namespace KeyRotation.Cli.Options;

/// <summary>How a plan or run is identified and printed: --as-of, --output, --run-id.</summary>
internal sealed class ReportOptions
{
    public Option<string> AsOf { get; } = new("--as-of")
    {
        Description = "Evaluation instant, ISO 8601 with a zone, e.g. 2026-11-29T12:00:00Z (default: now).",
        HelpName = "INSTANT",
    };

    public Option<string> Output { get; } = new("--output")
    {
        Description = "table (for people) or json (the report format of FORMATS.md).",
        DefaultValueFactory = _ => "table",
    };

    public Option<string> RunId { get; } = new("--run-id")
    {
        Description = "Run id for the report and audit trail (default: the instant plus 4 random hex digits).",
    };

    /// <param name="withCsv">Whether --output also takes csv (the posture report's spreadsheet form).</param>
    public ReportOptions(bool withCsv = false)
    {
        if (withCsv)
        {
            Output.Description = "table (for people), json (the full report) or csv (one row per account and OU, spreadsheet-safe).";
            Output.AcceptOnlyFromAmong("table", "json", "csv");
        }
        else
        {
            Output.AcceptOnlyFromAmong("table", "json");
        }
    }

    public void AddTo(Command command, bool withRunId = true)
    {
        command.Add(AsOf);
        command.Add(Output);
        if (withRunId)
        {
            command.Add(RunId);
        }
    }

    public OutputFormat ReadOutput(ParseResult result) => result.GetValue(Output) switch
    {
        "json" => OutputFormat.Json,
        "csv" => OutputFormat.Csv,
        _ => OutputFormat.Table,
    };

    /// <summary>The given --as-of, or <paramref name="now"/> (read once by the caller) in whole seconds, as the run id shows it.</summary>
    public DateTimeOffset ReadAsOf(ParseResult result, DateTimeOffset now)
    {
        var text = result.GetValue(AsOf);
        if (text is null)
        {
            var utc = now.ToUniversalTime();
            return utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerSecond));
        }

        return InstantText.TryParse(text, out var instant)
            ? instant
            : throw new InvalidInputException(
                $"--as-of: '{text}' is not an ISO 8601 instant with a time zone, e.g. 2026-11-29T12:00:00Z");
    }

    public string? ReadRunId(ParseResult result)
    {
        var text = result.GetValue(RunId);
        if (text is not null && (text.Length is 0 or > 128 || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')))
        {
            throw new InvalidInputException($"--run-id: '{text}' must be 1-128 letters, digits or - _ . :");
        }

        return text;
    }
}

internal enum OutputFormat
{
    Table,
    Json,
    Csv,
}
