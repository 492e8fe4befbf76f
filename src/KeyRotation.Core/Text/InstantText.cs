using System.Globalization;

namespace KeyRotation.Core.Text;

/// <summary>
/// Instants as text, one spelling for organization files, --as-of and report output: ISO 8601 with an explicit zone
/// (Z or an offset), or a bare date meaning UTC midnight. A local time without a zone is refused because its meaning
/// would depend on the machine. In Core so the CLI's output and the simulation's files share it without the CLI
/// reaching into the simulation.
/// </summary>
public static class InstantText
{
    private static readonly string[] ZonedFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
        "yyyy-MM-dd'T'HH:mm'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mmzzz",
    ];

    public static bool TryParse(string text, out DateTimeOffset instant)
    {
        const DateTimeStyles Utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (DateTimeOffset.TryParseExact(text, ZonedFormats, CultureInfo.InvariantCulture, Utc, out instant))
        {
            instant = instant.ToUniversalTime();
            return true;
        }

        return DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, Utc, out instant);
    }

    /// <summary>UTC, seconds always, fractions only when present, so saving and loading give back the same instant.</summary>
    public static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
