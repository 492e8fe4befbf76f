using System.Globalization;
using System.Text.RegularExpressions;

namespace KeyRotation.Cli.Options;

/// <summary>Durations as people type them: <c>90s</c>, <c>10m</c>, <c>1h30m</c>, <c>500ms</c>, or TimeSpan's <c>00:10:00</c>.</summary>
internal static partial class DurationText
{
    /// <summary>The longest duration accepted; more is surely a typo.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(7);

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out duration);
        }

        var match = Parts().Match(text);
        if (!match.Success)
        {
            return false;
        }

        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unit = part.Value.TrimStart("0123456789".ToCharArray());
            if (!long.TryParse(part.Value[..^unit.Length], NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
                || amount > 10_000_000)
            {
                return false;
            }

            duration += unit switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromDays(amount),
            };
        }

        return true;
    }

    [GeneratedRegex("^(?<part>[0-9]+(ms|s|m|h|d))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Parts();
}
