using System.Globalization;
using System.Text;

namespace KeyRotation.Engine.Discovery.CredentialReports;

/// <summary>
/// RFC 4180 records: comma-separated fields, CRLF or LF between records, quoted fields with <c>""</c> for a quote
/// and line breaks allowed inside. Anything else (a stray quote, an unterminated field) is a
/// <see cref="FormatException"/> naming the record, so a damaged report is refused rather than half read.
/// </summary>
internal static class CsvRecords
{
    public static IReadOnlyList<IReadOnlyList<string>> Parse(string text)
    {
        var records = new List<IReadOnlyList<string>>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"' && field.Length == 0)
            {
                i = ReadQuoted(text, i + 1, field, records.Count + 1);
                if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    throw Error(records.Count + 1, "text after a closing quote");
                }
            }
            else if (text[i] == '"')
            {
                throw Error(records.Count + 1, "a quote inside an unquoted field");
            }
            else if (text[i] is ',' or '\r' or '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                if (text[i] != ',')
                {
                    records.Add([.. fields]);
                    fields.Clear();
                    i += text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 1 : 0;
                }

                i++;
            }
            else
            {
                field.Append(text[i++]);
            }
        }

        // The last record needs no line break; a trailing line break leaves nothing behind.
        if (field.Length > 0 || fields.Count > 0 || (text.Length > 0 && text[^1] == '"'))
        {
            fields.Add(field.ToString());
            records.Add([.. fields]);
        }

        return records;
    }

    /// <summary>Reads a quoted field's content after its opening quote; returns the index after the closing quote.</summary>
    private static int ReadQuoted(string text, int i, StringBuilder field, int record)
    {
        while (i < text.Length)
        {
            if (text[i] != '"')
            {
                field.Append(text[i++]);
            }
            else if (i + 1 < text.Length && text[i + 1] == '"')
            {
                field.Append('"');
                i += 2;
            }
            else
            {
                return i + 1;
            }
        }

        throw Error(record, "a quoted field that never ends");
    }

    private static FormatException Error(int record, string problem) =>
        new(string.Create(CultureInfo.InvariantCulture, $"CSV record {record}: {problem}"));
}
