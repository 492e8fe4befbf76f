using System.Globalization;
using System.Text.RegularExpressions;

namespace KeyRotation.Lambda.Events;

/// <summary>Run ids in the report's shape, e.g. <c>2026-11-29T12-00-00Z-4f1c</c>.</summary>
internal static partial class RunIds
{
    public static string New(DateTimeOffset asOf, Random random) =>
        asOf.UtcDateTime.ToString("yyyy-MM-dd'T'HH-mm-ss'Z'", CultureInfo.InvariantCulture)
        + "-" + random.Next(0x10000).ToString("x4", CultureInfo.InvariantCulture);

    /// <summary>What a caller may pass: letters, digits and <c>-_.:</c>, up to 128 (a Step Functions execution name fits).</summary>
    public static bool IsValid(string runId) => Pattern().IsMatch(runId);

    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,128}$")]
    private static partial Regex Pattern();
}
