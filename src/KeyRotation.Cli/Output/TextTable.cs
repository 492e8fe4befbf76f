namespace KeyRotation.Cli.Output;

/// <summary>Plain-text columns padded to their widest cell; the last column runs free so long details never wrap the rest.</summary>
internal static class TextTable
{
    public static void Write(TextWriter writer, string indent, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var widths = headers.Select((h, i) => rows.Select(r => r[i].Length).Prepend(h.Length).Max()).ToArray();
        WriteRow(writer, indent, headers, widths);
        foreach (var row in rows)
        {
            WriteRow(writer, indent, row, widths);
        }
    }

    private static void WriteRow(TextWriter writer, string indent, IReadOnlyList<string> cells, int[] widths)
    {
        var padded = cells.Select((c, i) => i == cells.Count - 1 ? c : c.PadRight(widths[i]));
        writer.WriteLine((indent + string.Join("  ", padded)).TrimEnd());
    }
}
