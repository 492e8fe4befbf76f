using System.Globalization;

namespace KeyRotation.Simulation.Files;

/// <summary>Builds JSONPath-style locations so every error points at the exact value a person has to fix.</summary>
internal static class JsonPath
{
    public const string Root = "$";

    public static string Property(string parent, string name) =>
        IsPlainName(name) ? $"{parent}.{name}" : $"{parent}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";

    public static string Index(string parent, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{parent}[{index}]");

    private static bool IsPlainName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
