using KeyRotation.Core.Audit;
using KeyRotation.Core.Audit.Digests;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Runs;

namespace KeyRotation.Engine.Digests;

/// <summary>
/// Seals a finished run: reads its events back from the audit table (so a fan-out run, whose accounts were
/// written by other invocations, is sealed whole), digests them and appends the digest to the chain. The next
/// sequence is claimed with a write that fails when the sequence is taken, so two runs finishing at once each
/// get their own place in one linear chain instead of forking it.
/// </summary>
internal static class AuditSealer
{
    /// <summary>How often a run re-reads the chain's end after another run took the sequence it wanted.</summary>
    public const int ClaimAttempts = 8;

    /// <summary>How often the run's events are read again while the RunFinished event is not visible yet.</summary>
    public const int ReadAttempts = 5;

    /// <summary>Pause between reads: the run index of the table is eventually consistent.</summary>
    public static readonly TimeSpan ReadPause = TimeSpan.FromMilliseconds(500);

    /// <summary>Never throws: a run that cannot be sealed says so in its notes (verify then reports it unsealed).</summary>
    /// <returns>The notes for the run report; none when no digest store is configured.</returns>
    public static async Task<IReadOnlyList<string>> SealAsync(RotationServices services, AuditEvent finished)
    {
        if (services.AuditDigests is not { } store) return [];
        try
        {
            var events = await ReadRunAsync(services.AuditLog, finished);
            for (var attempt = 1; attempt <= ClaimAttempts; attempt++)
            {
                var latest = await store.LatestAsync(CancellationToken.None);
                var previous = latest is null ? null : AuditDigest.Parse(latest.Content).LinkTo(latest.Content.Span);
                var digest = AuditDigest.Seal((latest?.Sequence ?? 0) + 1, finished.RunId, finished.OccurredAt, events, previous);
                if (await store.TryAddAsync(new StoredDigest(digest.Sequence, digest.ToBytes()), CancellationToken.None))
                    return [$"audit trail sealed: digest {digest.Sequence} of {events.Count} events"];
            }

            return [$"audit trail NOT sealed: {ClaimAttempts} other runs took the next digest sequence first; 'keyrotation audit verify' will report this run unsealed"];
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return [$"audit trail NOT sealed: {e.Message}; 'keyrotation audit verify' will report this run unsealed"];
        }
    }

    private static async Task<IReadOnlyList<AuditEvent>> ReadRunAsync(IAuditLog log, AuditEvent finished)
    {
        var query = new AuditQuery { RunId = finished.RunId, IncludeIntents = true };
        for (var attempt = 1; ; attempt++)
        {
            var events = new List<AuditEvent>();
            await foreach (var e in log.QueryAsync(query, CancellationToken.None)) events.Add(e);
            if (events.Exists(e => e.EventId == finished.EventId) || attempt == ReadAttempts) return events;
            await Task.Delay(ReadPause);
        }
    }
}
