using System.Globalization;
using System.Text.RegularExpressions;

namespace KeyRotation.Lambda.Configuration;

/// <summary>Reads variables one by one and collects every problem, so a single init error lists them all.</summary>
internal sealed class VariableReader(IEnvironment environment)
{
    private readonly List<string> problems = [];

    public IReadOnlyList<string> Problems => problems;

    /// <summary>The trimmed value; null when unset or blank.</summary>
    public string? Raw(string name)
    {
        var value = environment.Get(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    public string Required(string name, Regex pattern, string expectation, bool hideValue = false)
    {
        if (Raw(name) is null)
        {
            problems.Add($"{name} is required ({expectation})");
            return "";
        }

        return Optional(name, pattern, expectation, hideValue)!;
    }

    /// <summary>The trimmed value, or null when unset or blank; a value the pattern refuses is a problem.</summary>
    public string? Optional(string name, Regex pattern, string expectation, bool hideValue = false)
    {
        var value = Raw(name);
        if (value is not null && !pattern.IsMatch(value))
        {
            problems.Add($"{name}={Show(value, hideValue)} is not valid: expected {expectation}");
        }

        return value;
    }

    public int Integer(string name, int min, int max, int fallback) => OptionalInteger(name, min, max) ?? fallback;

    public int? OptionalInteger(string name, int min, int max)
    {
        var value = Raw(name);
        if (value is null)
        {
            return null;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            problems.Add($"{name}='{value}' is not a whole number");
            return null;
        }

        if (number < min || number > max)
        {
            problems.Add($"{name}='{value}' is out of range: expected {min} to {max}");
            return null;
        }

        return number;
    }

    /// <summary>true or false, any case; <paramref name="fallback"/> null makes the variable required.</summary>
    public bool Boolean(string name, bool? fallback)
    {
        var value = Raw(name);
        if (value is null)
        {
            if (fallback is null)
            {
                problems.Add($"{name} is required (true or false)");
            }

            return fallback ?? false;
        }

        if (value.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (value.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        problems.Add($"{name}='{value}' is not true or false");
        return fallback ?? false;
    }

    /// <summary>One of <paramref name="names"/>, any case; numbers are refused even where an enum would take them.</summary>
    public string Choice(string name, IReadOnlyList<string> names, string fallback)
    {
        var value = Raw(name);
        if (value is null)
        {
            return fallback;
        }

        var match = names.FirstOrDefault(n => n.Equals(value, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            problems.Add($"{name}='{value}' is not one of {string.Join(", ", names)}");
            return fallback;
        }

        return match;
    }

    /// <summary>A comma- or space-separated list; every item must match <paramref name="pattern"/>.</summary>
    public IReadOnlySet<string> List(string name, Regex pattern, string expectation)
    {
        var items = new HashSet<string>(StringComparer.Ordinal);
        var value = Raw(name);
        if (value is null)
        {
            return items;
        }

        foreach (var item in value.Split([',', ' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (pattern.IsMatch(item))
            {
                items.Add(item);
            }
            else
            {
                problems.Add($"{name} has '{item}', which is not {expectation}");
            }
        }

        return items;
    }

    public void Problem(string text) => problems.Add(text);

    private static string Show(string value, bool hide) =>
        hide ? $"(value hidden, {value.Length} characters)" : $"'{value}'";
}
