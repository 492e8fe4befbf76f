using System.Globalization;

namespace KeyRotation.Engine.Settings;

/// <summary>Run ids in the report's shape, e.g. <c>2026-11-29T12-00-00Z-4f1c</c>: readable, sortable by instant,
/// unique enough per instant; and the rule for one a caller gives.</summary>
public static class RunIds
{
    /// <summary>What a problem says a given id should have been.</summary>
    public const string Expectation = "1-128 letters, digits or - _ . :";

    public static string New(DateTimeOffset asOf, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var instant = asOf.UtcDateTime.ToString("yyyy-MM-dd'T'HH-mm-ss'Z'", CultureInfo.InvariantCulture);
        return $"{instant}-{random.Next(0x10000).ToString("x4", CultureInfo.InvariantCulture)}";
    }

    /// <summary>Letters, digits and <c>-_.:</c>, up to 128: a Step Functions execution name fits.</summary>
    public static bool IsValid(string? runId) =>
        runId is { Length: > 0 and <= 128 } && runId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
