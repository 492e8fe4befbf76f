using System.Globalization;

namespace KeyRotation.Aws.Audit;

/// <summary>
/// Fixed-width UTC timestamps, so that ordinal string order equals time order in sort keys and range conditions.
/// </summary>
internal static class AuditTime
{
    private const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
    private const string DayFormat = "yyyy-MM-dd";

    public static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture);

    public static string Day(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString(DayFormat, CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString(DayFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text, string attribute)
    {
        if (DateTimeOffset.TryParseExact(text, InstantFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value))
            return value;
        // Items written by other tools may carry a shorter ISO 8601 form; accept any round-trippable instant.
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out value))
            return value;
        throw new FormatException($"Audit item attribute '{attribute}' holds '{text}', which is not an ISO 8601 instant.");
    }

    public static string SortKey(DateTimeOffset occurredAt, string eventId) => Format(occurredAt) + "#" + eventId;
}
