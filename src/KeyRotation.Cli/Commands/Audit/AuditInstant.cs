using System.Globalization;
using System.Text.RegularExpressions;

namespace KeyRotation.Cli.Commands.Audit;

/// <summary>
/// --since/--until values: a date (YYYY-MM-DD, midnight UTC at its start) or an ISO 8601 instant with Z or an
/// offset. An instant without a zone is refused rather than guessed.
/// </summary>
internal static partial class AuditInstant
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DateOnlyPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex InstantPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex ZonelessPattern();

    /// <returns>Null when valid; otherwise the error text naming option and value.</returns>
    public static string? TryParse(string option, string text, out DateTimeOffset value)
    {
        value = default;
        var trimmed = text.Trim();
        if (DateOnlyPattern().IsMatch(trimmed)
            && DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            value = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return null;
        }
        if (InstantPattern().IsMatch(trimmed)
            && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out value))
            return null;
        if (ZonelessPattern().IsMatch(trimmed))
            return $"{option} '{text}' has no time zone; add 'Z' for UTC (e.g. {trimmed}Z) or an offset such as +02:00.";
        return $"{option} '{text}' is not an ISO 8601 date (YYYY-MM-DD) or instant (e.g. 2026-11-29T12:00:00Z).";
    }
}
