using System.Runtime.CompilerServices;
using KeyRotation.Core.Audit.Digests;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Simulation.Ports;

/// <summary>
/// The digest bucket in memory: a sequence once written is never replaced (as S3 with Object Lock and a
/// conditional write). <see cref="Tamper"/> lets tests do what the real bucket forbids.
/// </summary>
public sealed class InMemoryAuditDigestStore : IAuditDigestStore
{
    private readonly Lock sync = new();
    private readonly SortedDictionary<long, byte[]> digests = [];

    public IReadOnlyList<StoredDigest> Digests
    {
        get
        {
            lock (sync) return digests.Select(d => new StoredDigest(d.Key, d.Value.ToArray())).ToArray();
        }
    }

    public Task<StoredDigest?> LatestAsync(CancellationToken cancellationToken)
    {
        lock (sync)
        {
            return Task.FromResult(digests.Count == 0 ? null : new StoredDigest(digests.Keys.Last(), digests.Values.Last().ToArray()));
        }
    }

    public async IAsyncEnumerable<StoredDigest> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var digest in Digests)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return digest;
        }

        await Task.CompletedTask;
    }

    public Task<bool> TryAddAsync(StoredDigest digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        lock (sync)
        {
            return Task.FromResult(digests.TryAdd(digest.Sequence, digest.Content.ToArray()));
        }
    }

    /// <summary>Replaces (null: removes) the digest at a sequence, bypassing the write-once rule. Tests only.</summary>
    public void Tamper(long sequence, byte[]? content)
    {
        lock (sync)
        {
            if (content is null) digests.Remove(sequence);
            else digests[sequence] = content;
        }
    }
}
