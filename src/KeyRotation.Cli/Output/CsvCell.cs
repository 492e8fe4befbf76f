namespace KeyRotation.Cli.Output;

/// <summary>
/// One CSV cell, safe for spreadsheets: a value a spreadsheet would read as a formula (it starts with =, +, -, @,
/// tab or carriage return) gets a leading single quote, then RFC 4180 quoting applies.
/// </summary>
internal static class CsvCell
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];
    private static readonly char[] NeedsQuotes = [',', '"', '\r', '\n'];

    public static string Format(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (Array.IndexOf(FormulaStarts, value[0]) >= 0) value = "'" + value;
        return value.IndexOfAny(NeedsQuotes) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    public static string Line(IEnumerable<string?> values) => string.Join(',', values.Select(Format));
}
