using System.Text.Json;
using KeyRotation.Core.Audit;

namespace KeyRotation.Cli.Output;

/// <summary>Streams events as a JSON array with one compact object per line (easy for jq and for diffs).</summary>
internal static class AuditJsonWriter
{
    public static async Task<int> WriteAsync(IAsyncEnumerable<AuditEvent> events, TextWriter output, CancellationToken cancellationToken)
    {
        var count = 0;
        await output.WriteAsync("[");
        await foreach (var e in events.WithCancellation(cancellationToken))
        {
            await output.WriteAsync(count == 0 ? "\n  " : ",\n  ");
            await output.WriteAsync(JsonSerializer.Serialize(Row(e), AuditJsonContext.Readable.AuditJsonRow));
            count++;
        }
        await output.WriteAsync(count == 0 ? "]\n" : "\n]\n");
        return count;
    }

    public static AuditJsonRow Row(AuditEvent e) => new(
        e.EventId, AuditRow.Instant(e.OccurredAt), e.AccountId, e.UserName, e.AccessKeyId, e.Action, e.Reason, e.Outcome,
        e.Error, e.RunId, e.Actor, e.Policy, e.KeyAgeDays, e.LastUsedAt is { } t ? AuditRow.Instant(t) : null,
        e.ToolVersion, e.Detail, e.Summary, e.IntentId);
}
