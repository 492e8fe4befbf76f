using System.Globalization;
using System.Text;
using KeyRotation.Core.Audit;

namespace KeyRotation.Cli.Output;

/// <summary>
/// Aligned columns for people: the fields an auditor scans first. Every field is in --output json or csv.
/// </summary>
internal static class AuditTableWriter
{
    private static readonly string[] Headers =
        ["OCCURRED AT (UTC)", "ACCOUNT", "USER", "ACCESS KEY", "ACTION", "REASON", "OUTCOME", "RUN", "ERROR"];

    public static async Task<int> WriteAsync(IAsyncEnumerable<AuditEvent> events, TextWriter output, CancellationToken cancellationToken)
    {
        var rows = new List<string[]>();
        await foreach (var e in events.WithCancellation(cancellationToken))
            rows.Add(Cells(e));
        if (rows.Count == 0)
        {
            await output.WriteLineAsync("No audit events match.");
            return 0;
        }
        var widths = Headers.Select((h, i) => rows.Max(r => r[i].Length) is var m && m > h.Length ? m : h.Length).ToArray();
        await output.WriteLineAsync(Line(Headers, widths));
        foreach (var row in rows) await output.WriteLineAsync(Line(row, widths));
        await output.WriteLineAsync(rows.Count == 1 ? "1 event" : $"{rows.Count.ToString(CultureInfo.InvariantCulture)} events");
        return rows.Count;
    }

    private static string[] Cells(AuditEvent e) =>
    [
        e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        e.AccountId, e.UserName ?? "-", e.AccessKeyId ?? "-", e.Action, e.Reason ?? "-", e.Outcome, e.RunId,
        Clean(e.Error ?? ""),
    ];

    private static string Line(string[] cells, int[] widths)
    {
        var text = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0) text.Append("  ");
            text.Append(i == cells.Length - 1 ? Clean(cells[i]) : Clean(cells[i]).PadRight(widths[i]));
        }
        return text.ToString().TrimEnd();
    }

    /// <summary>Control characters would break alignment or drive the terminal; a stored value must do neither.</summary>
    private static string Clean(string value) =>
        string.Concat(value.Select(c => char.IsControl(c) ? ' ' : c));
}
