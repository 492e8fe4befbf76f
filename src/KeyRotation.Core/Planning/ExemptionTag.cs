using System.Globalization;
using KeyRotation.Core.Tags;

namespace KeyRotation.Core.Planning;

/// <summary>Reads the user tag <c>&lt;prefix&gt;exempt</c>: <c>true</c> or <c>until:YYYY-MM-DD</c> (UTC, inclusive).</summary>
public static class ExemptionTag
{
    private const string UntilPrefix = "until:";

    public static Exemption Read(IReadOnlyDictionary<string, string> userTags, TagConventions tags, DateTimeOffset now)
    {
        if (!userTags.TryGetValue(tags.Exempt, out var raw))
        {
            return Exemption.None;
        }

        var value = raw.Trim();
        if (TagValue.IsTrue(value))
        {
            return new(ExemptionState.Exempt, $"exempt by user tag {tags.Exempt}={raw}");
        }

        if (value.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return Exemption.None;
        }

        if (value.StartsWith(UntilPrefix, StringComparison.OrdinalIgnoreCase)
            && DateOnly.TryParseExact(value[UntilPrefix.Length..].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var until))
        {
            // The named day is exempt through its end (UTC); comparing dates avoids overflow at DateOnly.MaxValue.
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var date = until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return today <= until
                ? new(ExemptionState.Exempt, $"exempt until {date} (end of day UTC) by user tag {tags.Exempt}", until)
                : new(ExemptionState.Expired,
                    $"user tag {tags.Exempt}={raw} expired at the end of {date} (UTC); the user is planned normally", until);
        }

        return new(ExemptionState.Unreadable,
            $"user tag {tags.Exempt}='{raw}' ignored: expected 'true' or 'until:YYYY-MM-DD'; the user is planned as not exempt");
    }
}
