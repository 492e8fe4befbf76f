using System.Collections.Concurrent;
using KeyRotation.Core.Audit;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Runs;

namespace KeyRotation.Engine.Execution;

/// <summary>
/// Appends batches to the audit log and keeps whatever the store will not take so the report can carry it. Never
/// throws and never gives up a batch because the run was cancelled: history must not be lost.
/// </summary>
/// <remarks>Each batch is appended once: retrying belongs to the audit pipeline around the port (the one retry
/// layer), so a loop here would multiply its attempts.</remarks>
/// <param name="outage">When given, told about a store that does not answer, so the run starts no further account.</param>
internal sealed class AuditWriter(IAuditLog log, CentralOutage? outage = null)
{
    private readonly ConcurrentQueue<AuditEvent> unwritten = new();

    public IReadOnlyList<AuditEvent> Unwritten => unwritten.ToArray();

    /// <returns>Null when written; otherwise the store's last error (the events are kept in <see cref="Unwritten"/>).</returns>
    public async Task<string?> WriteAsync(IReadOnlyList<AuditEvent> events)
    {
        var error = await TryWriteAsync(events);
        if (error is not null)
        {
            Keep(events);
        }

        return error;
    }

    /// <summary>Keeps events the store refused, for the report.</summary>
    public void Keep(IEnumerable<AuditEvent> events)
    {
        foreach (var e in events)
        {
            unwritten.Enqueue(e);
        }
    }

    /// <summary>Like <see cref="WriteAsync"/> but leaves keeping the events to the caller.</summary>
    public async Task<string?> TryWriteAsync(IReadOnlyList<AuditEvent> events)
    {
        if (events.Count == 0)
        {
            return null;
        }

        try
        {
            // Idempotent by event id, so a batch that half-landed before an error may simply be sent again.
            await log.AppendAsync(events, CancellationToken.None);
            return null;
        }
        catch (Exception e)
        {
            // Nothing answers: the run starts no further account.
            if (CentralOutage.IsUnreachable(e)) outage?.Observe(e);
            return e.Message;
        }
    }
}
