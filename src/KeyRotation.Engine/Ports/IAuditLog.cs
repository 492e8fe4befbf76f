using KeyRotation.Core.Audit;

namespace KeyRotation.Engine.Ports;

/// <summary>The append-only, idempotent audit trail (DynamoDB in real AWS).</summary>
public interface IAuditLog
{
    /// <summary>Throws when the store cannot be written; the engine calls it before any mutation.</summary>
    Task EnsureWritableAsync(CancellationToken cancellationToken);

    /// <summary>Writes events; an event whose id already exists is left as it was.</summary>
    Task AppendAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken);

    /// <summary>For each given key of the account, when this tool last deactivated it successfully (absent: never).</summary>
    Task<IReadOnlyDictionary<string, DateTimeOffset>> LastDeactivationsAsync(
        string accountId, IReadOnlyCollection<string> accessKeyIds, CancellationToken cancellationToken);

    /// <summary>Events matching the query, oldest first, every page followed.</summary>
    IAsyncEnumerable<AuditEvent> QueryAsync(AuditQuery query, CancellationToken cancellationToken);
}
