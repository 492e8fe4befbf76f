using KeyRotation.Cli.Settings;
using System.CommandLine;

namespace KeyRotation.Cli.Options;

/// <summary>--progress of plan and run; defaults in <see cref="ProgressSettings"/>.</summary>
internal sealed class ProgressOptions
{
    public Option<string> Progress { get; } = new("--progress")
    {
        Description = "Progress on stderr, never on stdout: auto (default: on a terminal a live line, cleared at the end; "
            + $"otherwise a line every {ProgressSettings.Default.Interval.TotalSeconds:0} s once the run takes that long, "
            + "and a last one), always (also a line once the accounts are listed, and a last one however short the run) or never.",
        DefaultValueFactory = _ => Name(ProgressSettings.Default.Mode),
    };

    private static readonly string[] Names = [.. Enum.GetValues<ProgressMode>().Select(Name)];

    public ProgressOptions()
    {
        Progress.HelpName = string.Join('|', Names);
        Progress.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is var value && !Names.Contains(value))
            {
                result.AddError($"--progress: '{value}' is not one of {string.Join(", ", Names)}");
            }
        });
    }

    public void AddTo(Command command) => command.Add(Progress);

    public ProgressSettings Read(ParseResult result) => ProgressSettings.Default with
    {
        Mode = Enum.GetValues<ProgressMode>().Single(mode => Name(mode) == result.GetValue(Progress)),
    };

    private static string Name(ProgressMode mode) => mode.ToString().ToLowerInvariant();
}
