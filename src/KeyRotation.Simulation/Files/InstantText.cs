using System.Globalization;

namespace KeyRotation.Simulation.Files;

/// <summary>
/// The file's instants: ISO 8601 with an explicit zone (Z or an offset), or a bare date meaning UTC midnight.
/// A local time without a zone is refused because its meaning would depend on the machine. Public so the CLI
/// reads --as-of exactly as the file reads its instants.
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
