using System.Globalization;

namespace KeyRotation.Cli.Running;

/// <summary>Run ids like <c>2026-11-29T12-00-00Z-4f1c</c>: readable, sortable by instant, unique enough per instant.</summary>
internal static class RunIds
{
    public static string Create(DateTimeOffset asOf, Random random)
    {
        var instant = asOf.UtcDateTime.ToString("yyyy-MM-dd'T'HH-mm-ss'Z'", CultureInfo.InvariantCulture);
        return $"{instant}-{random.Next(0x10000):x4}";
    }
}
