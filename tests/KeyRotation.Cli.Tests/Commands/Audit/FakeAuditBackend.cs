using System.Runtime.CompilerServices;
using KeyRotation.Aws.Audit;
using KeyRotation.Cli.Commands.Audit;
using KeyRotation.Core.Audit;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Cli.Tests.Commands.Audit;

/// <summary>An in-memory audit store that records what the commands asked of it.</summary>
internal sealed class FakeAuditBackend : IAuditBackend, IAuditLog
{
    public List<AuditEvent> Events { get; } = [];
    public List<AuditStoreSettings> Opened { get; } = [];
    public List<AuditQuery> Queries { get; } = [];
    public Exception? Failure { get; set; }
    public AuditTableCreation Creation { get; set; } = AuditTableCreation.Created;

    public IAuditLog OpenLog(AuditStoreSettings settings)
    {
        Opened.Add(settings);
        return this;
    }

    public Task<AuditTableCreation> CreateTableAsync(AuditStoreSettings settings, CancellationToken cancellationToken)
    {
        Opened.Add(settings);
        return Failure is null ? Task.FromResult(Creation) : Task.FromException<AuditTableCreation>(Failure);
    }

    public async IAsyncEnumerable<AuditEvent> QueryAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Queries.Add(query);
        await Task.Yield();
        if (Failure is not null) throw Failure;
        foreach (var e in Events.Where(query.Matches).OrderBy(e => e.OccurredAt).Take(query.Limit ?? int.MaxValue))
            yield return e;
    }

    public Task EnsureWritableAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task AppendAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken) =>
        throw new NotSupportedException("auditor commands never write");

    public Task<IReadOnlyDictionary<string, DateTimeOffset>> LastDeactivationsAsync(
        string accountId, IReadOnlyCollection<string> accessKeyIds, CancellationToken cancellationToken) =>
        throw new NotSupportedException("auditor commands never ask this");

    public Task<UnresolvedWork> UnresolvedAsync(string accountId, DateTimeOffset since, CancellationToken cancellationToken) =>
        throw new NotSupportedException("auditor commands never ask this");
}
