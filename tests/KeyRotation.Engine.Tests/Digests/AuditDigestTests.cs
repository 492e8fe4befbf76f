using KeyRotation.Core.Audit;
using KeyRotation.Core.Audit.Digests;
using KeyRotation.Core.Planning;
using KeyRotation.Engine.Digests;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Sweep;
using KeyRotation.Engine.Tests.Support;
using KeyRotation.Simulation.Ports;
using static KeyRotation.Engine.Tests.Support.Org;

namespace KeyRotation.Engine.Tests.Digests;

/// <summary>Sealing at RunFinished and verifying against the in-memory twins of the audit table and the digest bucket.</summary>
public sealed class AuditDigestTests
{
    private readonly InMemoryAuditDigestStore digests = new();
    private readonly Harness harness =
        new(Of(Account("222222222222", IdleOldUser("alice", "AKIAALICEEXAMPLEOLD1"), DueUser("bob", "AKIABOBEXAMPLE0OLD01"))));

    private async Task<IReadOnlyList<string>> RunAsync(string runId)
    {
        var sweep = new OrganizationSweep(harness.Services with { AuditDigests = digests });
        var report = await sweep.RunAsync(harness.Options(runId: runId), CancellationToken.None);
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        return report.Notes;
    }

    private EditableAuditLog Table() => new(harness.World.AuditLog.Events);

    private Task<AuditVerification> VerifyAsync(IAuditLog table, string? runId = null, DateTimeOffset? since = null) =>
        new AuditVerifier(table, digests).VerifyAsync(runId, since, CancellationToken.None);

    [Fact]
    public async Task Run_WithDigestStore_SealsEveryEventOfTheRunAndSaysSo()
    {
        var notes = await RunAsync("run-1");

        var stored = Assert.Single(digests.Digests);
        var digest = AuditDigest.Parse(stored.Content);
        var events = harness.World.AuditLog.Events.Where(e => e.RunId == "run-1").ToList();
        Assert.Equal((1L, "run-1", null), (digest.Sequence, digest.RunId, digest.Previous));
        Assert.Equal(events.Select(e => e.EventId).Order(StringComparer.Ordinal), digest.Events.Select(e => e.EventId));
        Assert.Equal(AuditEventCanonicalForm.HashAll(events), digest.EventsSha256);
        Assert.Equal(events.Single(e => e.Action == AuditAction.RunFinished).OccurredAt, digest.FinishedAt);
        Assert.Contains($"audit trail sealed: digest 1 of {events.Count} events", notes);
    }

    [Fact]
    public async Task Run_SecondRun_LinksToTheFirstDigestsStoredBytes()
    {
        await RunAsync("run-1");
        await RunAsync("run-2");

        var stored = digests.Digests;
        var second = AuditDigest.Parse(stored[1].Content);
        Assert.Equal(new DigestLink(1, "run-1", AuditDigest.HashOf(stored[0].Content.Span)), second.Previous);
    }

    [Fact]
    public async Task Run_WithoutDigestStore_AddsNoNote()
    {
        var report = await harness.RunAsync();

        Assert.DoesNotContain(report.Notes, n => n.Contains("sealed", StringComparison.Ordinal));
        Assert.Empty(digests.Digests);
    }

    [Fact]
    public async Task Run_SequenceTakenByAConcurrentRun_ClaimsTheNextAndLinksToIt()
    {
        var racing = new RacingDigestStore(digests);
        var sweep = new OrganizationSweep(harness.Services with { AuditDigests = racing });

        var report = await sweep.RunAsync(harness.Options(runId: "run-1"), CancellationToken.None);

        var stored = digests.Digests;
        Assert.Equal([1L, 2L], stored.Select(d => d.Sequence));
        var ours = AuditDigest.Parse(stored[1].Content);
        Assert.Equal(("run-1", "other-run"), (ours.RunId, ours.Previous!.RunId));
        Assert.Contains(report.Notes, n => n.StartsWith("audit trail sealed: digest 2 ", StringComparison.Ordinal));
        Assert.True((await VerifyAsync(new EditableAuditLog([]), runId: "run-1")).Findings.All(f => f.Kind == AuditFindingKind.EventMissing));
    }

    [Fact]
    public async Task Run_DigestStoreDown_RunFinishesAndTheNoteSaysNotSealed()
    {
        var sweep = new OrganizationSweep(harness.Services with { AuditDigests = new FailingDigestStore() });

        var report = await sweep.RunAsync(harness.Options(runId: "run-1"), CancellationToken.None);

        Assert.Contains(report.Notes, n => n.StartsWith("audit trail NOT sealed: S3 down", StringComparison.Ordinal));
        Assert.Contains(harness.World.AuditLog.Events, e => e.Action == AuditAction.RunFinished);
    }

    [Fact]
    public async Task Verify_UntouchedRuns_IsIntact()
    {
        await RunAsync("run-1");
        await RunAsync("run-2");

        var verification = await VerifyAsync(Table());

        Assert.True(verification.IsIntact, string.Join("; ", verification.Findings.Select(f => f.Detail)));
        Assert.Equal(["run-1", "run-2"], verification.Runs.Select(r => r.RunId));
        Assert.All(verification.Runs, r => Assert.Equal(r.SealedEvents, r.StoredEvents));
    }

    [Fact]
    public async Task Verify_OneEventChanged_NamesItAsChanged()
    {
        await RunAsync("run-1");
        var table = Table();
        var changed = table.Replace(e => e.Action == nameof(ActionKind.CreateKey), e => e with { Outcome = AuditOutcome.Failed });

        var verification = await VerifyAsync(table);

        var finding = Assert.Single(verification.Findings);
        Assert.Equal((AuditFindingKind.EventChanged, "run-1", changed.EventId), (finding.Kind, finding.RunId, finding.EventId));
    }

    [Fact]
    public async Task Verify_OneEventDeleted_NamesItAsMissing()
    {
        await RunAsync("run-1");
        var table = Table();
        var deleted = table.Remove(e => e.Action == nameof(ActionKind.DeactivateKey));

        var finding = Assert.Single((await VerifyAsync(table)).Findings);

        Assert.Equal((AuditFindingKind.EventMissing, deleted.EventId), (finding.Kind, finding.EventId));
    }

    [Fact]
    public async Task Verify_OneEventAdded_NamesItAsAdded()
    {
        await RunAsync("run-1");
        var table = Table();
        var forged = table.Events[0] with { EventId = "0123456789abcdef0123456789abcdef", Detail = "forged" };
        table.Events.Add(forged);

        var finding = Assert.Single((await VerifyAsync(table, runId: "run-1")).Findings);

        Assert.Equal((AuditFindingKind.EventAdded, forged.EventId), (finding.Kind, finding.EventId));
    }

    [Fact]
    public async Task Verify_ChangedDeletedAndAdded_NamesEachOnce()
    {
        await RunAsync("run-1");
        var table = Table();
        var changed = table.Replace(e => e.Action == nameof(ActionKind.CreateKey), e => e with { Detail = "nothing happened" });
        var deleted = table.Remove(e => e.Action == nameof(ActionKind.DeactivateKey));
        table.Events.Add(table.Events[0] with { EventId = "ffffffffffffffffffffffffffffffff" });

        var verification = await VerifyAsync(table);

        Assert.Equal(
            [(AuditFindingKind.EventAdded, "ffffffffffffffffffffffffffffffff"), (AuditFindingKind.EventChanged, changed.EventId),
             (AuditFindingKind.EventMissing, deleted.EventId)],
            verification.Findings.Select(f => (f.Kind, f.EventId!)).OrderBy(f => f.Kind));
        Assert.Equal(3, Assert.Single(verification.Runs).Findings);
    }

    [Fact]
    public async Task Verify_DigestReplaced_ReportsTheBrokenLinkAfterIt()
    {
        await RunAsync("run-1");
        await RunAsync("run-2");
        var first = AuditDigest.Parse(digests.Digests[0].Content);
        // A rewritten table with a digest re-made to match it: the next digest's link no longer holds.
        digests.Tamper(1, (first with { EventsSha256 = new string('0', 64) }).ToBytes());

        var finding = Assert.Single((await VerifyAsync(Table(), runId: "run-2")).Findings);

        Assert.Equal((AuditFindingKind.BrokenLink, "run-2", 2L), (finding.Kind, finding.RunId, finding.Sequence));
        Assert.Contains("digest 1 as stored hashes to", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_DigestRemoved_ReportsTheGap()
    {
        await RunAsync("run-1");
        await RunAsync("run-2");
        await RunAsync("run-3");
        digests.Tamper(2, null);

        var verification = await VerifyAsync(Table());

        var broken = Assert.Single(verification.Findings, f => f.Kind == AuditFindingKind.BrokenLink);
        Assert.Contains("digest 2 (run run-2), which digest 3 names, is not in the store", broken.Detail, StringComparison.Ordinal);
        Assert.Contains(verification.Findings, f => f.Kind == AuditFindingKind.RunUnsealed && f.RunId == "run-2");
    }

    [Fact]
    public async Task Verify_RunWithoutDigest_IsReportedUnsealed()
    {
        await RunAsync("run-1");
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        await harness.Sweep.RunAsync(harness.Options(runId: "unsealed"), CancellationToken.None);

        var all = await VerifyAsync(Table());
        var one = await VerifyAsync(Table(), runId: "unsealed");

        Assert.Equal(("unsealed", AuditFindingKind.RunUnsealed), (Assert.Single(all.Findings).RunId, all.Findings[0].Kind));
        Assert.Equal(AuditFindingKind.RunUnsealed, Assert.Single(one.Findings).Kind);
    }

    [Fact]
    public async Task Verify_Since_ChecksOnlyRunsFinishedSinceThen()
    {
        await RunAsync("run-1");
        var between = harness.Time.GetUtcNow();
        await RunAsync("run-2");
        var table = Table();
        table.Remove(e => e.RunId == "run-1" && e.Action == nameof(ActionKind.CreateKey));

        var since = await VerifyAsync(table, since: between);

        Assert.True(since.IsIntact);
        Assert.Equal("run-2", Assert.Single(since.Runs).RunId);
    }

    /// <summary>Lets another run seal first, once: the first write of ours finds the sequence taken.</summary>
    private sealed class RacingDigestStore(InMemoryAuditDigestStore inner) : IAuditDigestStore
    {
        private bool raced;

        public Task<StoredDigest?> LatestAsync(CancellationToken cancellationToken) => inner.LatestAsync(cancellationToken);

        public IAsyncEnumerable<StoredDigest> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);

        public async Task<bool> TryAddAsync(StoredDigest digest, CancellationToken cancellationToken)
        {
            if (!raced)
            {
                raced = true;
                var other = AuditDigest.Seal(digest.Sequence, "other-run", DateTimeOffset.UnixEpoch, [], null);
                await inner.TryAddAsync(new StoredDigest(digest.Sequence, other.ToBytes()), cancellationToken);
            }

            return await inner.TryAddAsync(digest, cancellationToken);
        }
    }

    private sealed class FailingDigestStore : IAuditDigestStore
    {
        public Task<StoredDigest?> LatestAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("S3 down");

        public IAsyncEnumerable<StoredDigest> ListAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("S3 down");

        public Task<bool> TryAddAsync(StoredDigest digest, CancellationToken cancellationToken) => throw new InvalidOperationException("S3 down");
    }
}
