using System.Text;

namespace KeyRotation.Cli.Tests.Support;

/// <summary>A strict RFC 4180 reader for assertions: CRLF records, quoted cells with doubled quotes.</summary>
internal static class Csv
{
    public static IReadOnlyList<string[]> Parse(string text)
    {
        var records = new List<string[]>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"') cell.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') cell.Append(text[++i]);
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { cells.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
                cells.Add(cell.ToString());
                cell.Clear();
                records.Add([.. cells]);
                cells.Clear();
            }
            else cell.Append(c);
        }

        if (quoted || cell.Length > 0 || cells.Count > 0)
            throw new FormatException("CSV does not end with CRLF after its last record, or a quote is left open");
        return records;
    }
}
