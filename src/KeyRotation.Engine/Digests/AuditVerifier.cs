using KeyRotation.Core.Audit;
using KeyRotation.Core.Audit.Digests;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Engine.Digests;

/// <summary>
/// <c>keyrotation audit verify</c>: checks the whole digest chain, recomputes the digest of each selected run from
/// the audit table, and looks for runs in the table that no digest seals. Reads only.
/// </summary>
public sealed class AuditVerifier(IAuditLog log, IAuditDigestStore store)
{
    /// <param name="runId">Only this run's events (the chain is always checked whole); null: every sealed run.</param>
    /// <param name="since">Only runs that finished at or after this instant, and unsealed runs with events since then.</param>
    public async Task<AuditVerification> VerifyAsync(string? runId, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var chain = new List<StoredDigest>();
        await foreach (var stored in store.ListAsync(cancellationToken)) chain.Add(stored);
        var (chainFindings, digests) = AuditDigestCheck.CheckChain(chain);
        var findings = new List<AuditFinding>(chainFindings);
        var runs = new List<VerifiedRun>();

        var selected = digests.Where(d => (runId is null || d.RunId == runId) && (since is null || d.FinishedAt >= since)).ToList();
        foreach (var digest in selected)
        {
            var events = await ReadAsync(new AuditQuery { RunId = digest.RunId, IncludeIntents = true }, cancellationToken);
            var runFindings = AuditDigestCheck.CompareRun(digest, events);
            findings.AddRange(runFindings);
            runs.Add(new VerifiedRun(digest.RunId, digest.Sequence, digest.FinishedAt, digest.Events.Count, events.Count, runFindings.Count));
        }

        var sealedRuns = digests.Select(d => d.RunId).ToHashSet(StringComparer.Ordinal);
        if (runId is not null && !sealedRuns.Contains(runId))
        {
            var events = await ReadAsync(new AuditQuery { RunId = runId, IncludeIntents = true }, cancellationToken);
            findings.Add(Unsealed(runId, events.Count));
            runs.Add(new VerifiedRun(runId, null, null, 0, events.Count, 1));
        }
        else if (runId is null && (since ?? (digests.Count > 0 ? digests[0].FinishedAt : null)) is { } from)
        {
            // A run the chain does not know: written by someone else, or finished without a digest store.
            var events = await ReadAsync(new AuditQuery { Since = from, IncludeIntents = true }, cancellationToken);
            foreach (var run in events.GroupBy(e => e.RunId, StringComparer.Ordinal).Where(g => !sealedRuns.Contains(g.Key)))
            {
                findings.Add(Unsealed(run.Key, run.Count()));
                runs.Add(new VerifiedRun(run.Key, null, null, 0, run.Count(), 1));
            }
        }

        return new AuditVerification(chain.Count, runs, findings);
    }

    private async Task<List<AuditEvent>> ReadAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        var events = new List<AuditEvent>();
        await foreach (var e in log.QueryAsync(query, cancellationToken)) events.Add(e);
        return events;
    }

    private static AuditFinding Unsealed(string runId, int events) =>
        new(AuditFindingKind.RunUnsealed, runId, null, null,
            $"no digest seals run {runId} ({events} events in the table; still running, finished without a digest store, or added)");
}

/// <summary>What verify found: nothing (intact) or each problem.</summary>
/// <param name="DigestCount">Digests in the store (the whole chain was checked).</param>
public sealed record AuditVerification(int DigestCount, IReadOnlyList<VerifiedRun> Runs, IReadOnlyList<AuditFinding> Findings)
{
    public bool IsIntact => Findings.Count == 0;
}

/// <summary>One run checked: its digest (null sequence: none) and how many events it sealed and the table holds.</summary>
public sealed record VerifiedRun(string RunId, long? Sequence, DateTimeOffset? FinishedAt, int SealedEvents, int StoredEvents, int Findings);
