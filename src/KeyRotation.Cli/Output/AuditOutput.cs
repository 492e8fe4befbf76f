using KeyRotation.Core.Audit;

namespace KeyRotation.Cli.Output;

/// <summary>Writes query results in the chosen format; returns how many events were written.</summary>
internal static class AuditOutput
{
    public static Task<int> WriteAsync(
        AuditOutputFormat format, IAsyncEnumerable<AuditEvent> events, TextWriter output, CancellationToken cancellationToken) =>
        format switch
        {
            AuditOutputFormat.Json => AuditJsonWriter.WriteAsync(events, output, cancellationToken),
            AuditOutputFormat.Csv => AuditCsvWriter.WriteAsync(events, output, cancellationToken),
            _ => AuditTableWriter.WriteAsync(events, output, cancellationToken),
        };
}
