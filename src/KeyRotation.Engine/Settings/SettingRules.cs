using System.Globalization;

namespace KeyRotation.Engine.Settings;

/// <summary>A setting that is a whole number in a range; blank text means not given.</summary>
public sealed record WholeNumberRule(string Field, int Min, int Max)
{
    public string Expectation => $"a whole number from {Min.ToString(CultureInfo.InvariantCulture)} to {Max.ToString(CultureInfo.InvariantCulture)}";

    /// <returns>The number, or null when not given or unusable (then a problem is added).</returns>
    public int? Read(string? text, ICollection<SettingProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim();
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= Min && value <= Max)
        {
            return value;
        }

        problems.Add(new SettingProblem(Field, text, $"is not {Expectation}"));
        return null;
    }
}

/// <summary>A setting with named values, matched ignoring case; <paramref name="Aliases"/> are accepted, never shown.</summary>
public sealed record ChoiceRule<T>(string Field, IReadOnlyList<(string Spelling, T Value)> Choices,
    IReadOnlyList<(string Spelling, T Value)> Aliases)
    where T : notnull
{
    /// <summary>The spellings, as help text shows them: <c>a|b</c>.</summary>
    public string Spellings => string.Join("|", Choices.Select(c => c.Spelling));

    public string Spell(T value) => Choices.First(c => EqualityComparer<T>.Default.Equals(c.Value, value)).Spelling;

    /// <returns>The value named, or <paramref name="fallback"/> when not given or unknown (then a problem is added).</returns>
    public T Read(string? text, T fallback, ICollection<SettingProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        text = text.Trim();
        foreach (var (spelling, value) in Choices.Concat(Aliases))
        {
            if (spelling.Equals(text, StringComparison.OrdinalIgnoreCase)) return value;
        }

        problems.Add(new SettingProblem(Field, text, $"is not one of {string.Join(", ", Choices.Select(c => c.Spelling))}"));
        return fallback;
    }
}

/// <summary>A list of ids separated by commas or white space; each must pass <paramref name="IsValid"/>.</summary>
public sealed record IdListRule(string Field, Func<string, bool> IsValid, string ItemExpectation)
{
    public IReadOnlySet<string> Read(string? text, ICollection<SettingProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in (text ?? "").Split([',', ' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (IsValid(item)) ids.Add(item);
            else problems.Add(new SettingProblem(Field, item, $"is not {ItemExpectation}"));
        }

        return ids;
    }
}
