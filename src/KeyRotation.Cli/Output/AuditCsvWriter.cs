using KeyRotation.Core.Audit;

namespace KeyRotation.Cli.Output;

/// <summary>Streams events as RFC 4180 CSV (CRLF line ends, header row); absent fields are empty cells.</summary>
internal static class AuditCsvWriter
{
    private const string LineEnd = "\r\n";

    public static async Task<int> WriteAsync(IAsyncEnumerable<AuditEvent> events, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteAsync(CsvCell.Line(AuditRow.Columns) + LineEnd);
        var count = 0;
        await foreach (var e in events.WithCancellation(cancellationToken))
        {
            await output.WriteAsync(CsvCell.Line(AuditRow.Cells(e)) + LineEnd);
            count++;
        }
        return count;
    }
}
