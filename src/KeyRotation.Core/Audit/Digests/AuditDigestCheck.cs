namespace KeyRotation.Core.Audit.Digests;

/// <summary>The pure half of <c>audit verify</c>: a chain's links, and a run's stored events against its digest.</summary>
public static class AuditDigestCheck
{
    /// <summary>
    /// Checks every link of the chain: each digest readable, at the position its key says, directly after the one
    /// before, and naming that one's run and the SHA-256 of its stored bytes. Gaps are reported once each.
    /// </summary>
    /// <returns>The findings, and each readable digest by sequence.</returns>
    public static (IReadOnlyList<AuditFinding> Findings, IReadOnlyList<AuditDigest> Digests) CheckChain(IEnumerable<StoredDigest> chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var findings = new List<AuditFinding>();
        var digests = new List<AuditDigest>();
        StoredDigest? before = null;
        AuditDigest? beforeDigest = null;
        foreach (var stored in chain.OrderBy(d => d.Sequence))
        {
            AuditDigest digest;
            try
            {
                digest = AuditDigest.Parse(stored.Content);
            }
            catch (FormatException e)
            {
                findings.Add(Broken(null, stored.Sequence, $"digest {stored.Sequence} is unreadable: {e.Message}"));
                (before, beforeDigest) = (stored, null);
                continue;
            }

            digests.Add(digest);
            if (digest.Sequence != stored.Sequence)
                findings.Add(Broken(digest.RunId, stored.Sequence,
                    $"digest stored as {stored.Sequence} says it is {digest.Sequence}"));
            findings.AddRange(CheckLink(stored, digest, before, beforeDigest));
            (before, beforeDigest) = (stored, digest);
        }

        return (findings, digests);
    }

    /// <summary>The run's events as stored now against its digest: every event added, changed or missing, by id.</summary>
    public static IReadOnlyList<AuditFinding> CompareRun(AuditDigest digest, IEnumerable<AuditEvent> stored)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(stored);
        var sealedHashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in digest.Events) sealedHashes[e.EventId] = e.Sha256;
        var findings = new List<AuditFinding>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in stored.OrderBy(e => e.EventId, StringComparer.Ordinal))
        {
            seen.Add(e.EventId);
            var hash = AuditEventCanonicalForm.Hash(e);
            if (!sealedHashes.TryGetValue(e.EventId, out var expected))
                findings.Add(new(AuditFindingKind.EventAdded, digest.RunId, e.EventId, digest.Sequence,
                    $"event {e.EventId} ({e.Action} at {AuditEventCanonicalForm.Instant(e.OccurredAt)}, account {e.AccountId}) is not in digest {digest.Sequence}"));
            else if (hash != expected)
                findings.Add(new(AuditFindingKind.EventChanged, digest.RunId, e.EventId, digest.Sequence,
                    $"event {e.EventId} ({e.Action}) hashes to {hash}; digest {digest.Sequence} sealed {expected}"));
        }

        foreach (var e in digest.Events.Where(e => !seen.Contains(e.EventId)))
            findings.Add(new(AuditFindingKind.EventMissing, digest.RunId, e.EventId, digest.Sequence,
                $"event {e.EventId} sealed by digest {digest.Sequence} is not in the table"));
        return findings;
    }

    private static IEnumerable<AuditFinding> CheckLink(StoredDigest stored, AuditDigest digest, StoredDigest? before, AuditDigest? beforeDigest)
    {
        var expectedPrevious = stored.Sequence - 1;
        if (digest.Previous is null)
        {
            if (stored.Sequence != 1 || before is not null)
                yield return Broken(digest.RunId, stored.Sequence, $"digest {stored.Sequence} names no previous digest");
            yield break;
        }

        var link = digest.Previous;
        if (link.Sequence != expectedPrevious)
            yield return Broken(digest.RunId, stored.Sequence,
                $"digest {stored.Sequence} names digest {link.Sequence} as previous, not {expectedPrevious}");
        if (before is null || before.Sequence != expectedPrevious)
        {
            var from = before is null ? 1 : before.Sequence + 1;
            yield return Broken(digest.RunId, stored.Sequence, from == expectedPrevious
                ? $"digest {expectedPrevious} (run {link.RunId}), which digest {stored.Sequence} names, is not in the store"
                : $"digests {from} to {expectedPrevious}, before digest {stored.Sequence}, are not in the store");
            yield break;
        }

        var actualHash = AuditDigest.HashOf(before.Content.Span);
        if (link.Sha256 != actualHash)
            yield return Broken(digest.RunId, stored.Sequence,
                $"digest {stored.Sequence} names previous hash {link.Sha256}; digest {before.Sequence} as stored hashes to {actualHash}");
        if (beforeDigest is not null && link.RunId != beforeDigest.RunId)
            yield return Broken(digest.RunId, stored.Sequence,
                $"digest {stored.Sequence} names previous run {link.RunId}; digest {before.Sequence} seals run {beforeDigest.RunId}");
    }

    private static AuditFinding Broken(string? runId, long sequence, string detail) =>
        new(AuditFindingKind.BrokenLink, runId, null, sequence, detail);
}
