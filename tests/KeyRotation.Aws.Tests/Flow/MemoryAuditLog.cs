using System.Runtime.CompilerServices;
using KeyRotation.Core.Audit;
using KeyRotation.Core.Planning;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Tests.Flow;

/// <summary>An audit log in memory, for runs of the engine over the real adapters.</summary>
internal sealed class MemoryAuditLog : IAuditLog
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, AuditEvent> events = new(StringComparer.Ordinal);

    public IReadOnlyList<AuditEvent> Events
    {
        get
        {
            lock (gate)
            {
                return [.. events.Values];
            }
        }
    }

    public Task EnsureWritableAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task AppendAsync(IReadOnlyList<AuditEvent> appended, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            foreach (var e in appended) events.TryAdd(e.EventId, e);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<string, DateTimeOffset>> LastDeactivationsAsync(
        string accountId, IReadOnlyCollection<string> accessKeyIds, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyDictionary<string, DateTimeOffset> found = events.Values
                .Where(e => e.AccountId == accountId && e.AccessKeyId is { } id && accessKeyIds.Contains(id)
                    && e.Action == nameof(ActionKind.DeactivateKey) && e.Outcome == AuditOutcome.Succeeded)
                .GroupBy(e => e.AccessKeyId!)
                .ToDictionary(g => g.Key, g => g.Max(e => e.OccurredAt), StringComparer.Ordinal);
            return Task.FromResult(found);
        }
    }

    public Task<UnresolvedWork> UnresolvedAsync(string accountId, DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult(UnresolvedWork.From(Events.Where(e => e.AccountId == accountId && e.OccurredAt >= since)));

    public async IAsyncEnumerable<AuditEvent> QueryAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var e in Events.Where(query.Matches).OrderBy(e => e.OccurredAt)) yield return e;
    }
}
