using System.Runtime.CompilerServices;
using KeyRotation.Core.Audit;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Engine.Tests.Digests;

/// <summary>An audit table someone can rewrite: a copy of a run's stored events that a test changes, deletes from and adds to.</summary>
internal sealed class EditableAuditLog(IEnumerable<AuditEvent> events) : IAuditLog
{
    public List<AuditEvent> Events { get; } = [.. events];

    public Task EnsureWritableAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task AppendAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken)
    {
        Events.AddRange(events);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<string, DateTimeOffset>> LastDeactivationsAsync(
        string accountId, IReadOnlyCollection<string> accessKeyIds, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, DateTimeOffset>>(new Dictionary<string, DateTimeOffset>());

    public Task<UnresolvedWork> UnresolvedAsync(string accountId, DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult(UnresolvedWork.From(Events.Where(e => e.AccountId == accountId && e.OccurredAt >= since)));

    public async IAsyncEnumerable<AuditEvent> QueryAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var e in Events.Where(query.Matches).OrderBy(e => e.OccurredAt).ToArray()) yield return e;
        await Task.CompletedTask;
    }

    public AuditEvent Replace(Func<AuditEvent, bool> which, Func<AuditEvent, AuditEvent> change)
    {
        var index = Events.FindIndex(e => which(e));
        Events[index] = change(Events[index]);
        return Events[index];
    }

    public AuditEvent Remove(Func<AuditEvent, bool> which)
    {
        var found = Events.First(which);
        Events.Remove(found);
        return found;
    }
}
