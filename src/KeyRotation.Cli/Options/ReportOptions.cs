using KeyRotation.Cli.Settings;
using System.CommandLine;
using KeyRotation.Engine.Settings;

namespace KeyRotation.Cli.Options;

/// <summary>How a plan or run is identified and printed: --as-of, --output, --run-id.</summary>
internal sealed class ReportOptions
{
    public const string AsOfFlag = "--as-of";

    public Option<string> AsOf { get; } = new(AsOfFlag)
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
        Description = $"Run id for the report and audit trail: {RunIds.Expectation} (default: the instant plus 4 random hex digits).",
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

        var problems = new List<SettingProblem>();
        var instant = RotationSettings.ReadAsOf(text, problems);
        Flags.Check(problems);
        return instant!.Value;
    }

    /// <summary>The given --run-id, or a new one for <paramref name="asOf"/>.</summary>
    public string ReadRunId(ParseResult result, DateTimeOffset asOf, Random random)
    {
        var problems = new List<SettingProblem>();
        var runId = RotationSettings.ReadRunId(result.GetValue(RunId), problems);
        Flags.Check(problems);
        return runId ?? RunIds.New(asOf, random);
    }

    /// <summary>--as-of and --run-id as names of the engine's fields.</summary>
    public SettingFlags Flags => new([new(RotationSettings.AsOfField, AsOf), new(RotationSettings.RunIdField, RunId)]);
}
