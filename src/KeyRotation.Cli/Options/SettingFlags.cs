using KeyRotation.Cli.Hosting;
using System.CommandLine;
using KeyRotation.Engine.Settings;

namespace KeyRotation.Cli.Options;

/// <summary>
/// The flags that name the engine's run settings (<see cref="RotationSettings"/>): the CLI only maps its names onto
/// the engine's fields and presents the problems; the rules, spellings and defaults are the engine's, the Lambda's too.
/// </summary>
internal sealed class SettingFlags(IEnumerable<KeyValuePair<string, Option>> flags)
{
    private readonly Dictionary<string, Option> flags = new(flags, StringComparer.Ordinal);

    /// <exception cref="InvalidInputException">A value is unusable; the message names each flag and value.</exception>
    public RunSettingValues Read(ParseResult result)
    {
        var values = RotationSettings.Read(field => Text(result, field), out var problems);
        Check(problems);
        return values;
    }

    /// <exception cref="InvalidInputException">Any problem; the message names each flag and value.</exception>
    public void Check(IReadOnlyCollection<SettingProblem> problems)
    {
        if (problems.Count > 0)
        {
            throw new InvalidInputException(string.Join("; ", problems.Select(p => p.Render(NameOf))));
        }
    }

    public string NameOf(string field) => flags.TryGetValue(field, out var option) ? option.Name : field;

    /// <summary>What was typed; a list flag's values (repeated or comma-separated) joined by commas.</summary>
    private string? Text(ParseResult result, string field) => flags.GetValueOrDefault(field) switch
    {
        Option<string> one => result.GetValue(one),
        Option<string[]> many => result.GetValue(many) is { } values ? string.Join(",", values) : null,
        _ => null,
    };
}
