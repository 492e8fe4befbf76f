using System.Runtime.CompilerServices;
using KeyRotation.Core.Audit;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Resilience.Pipelines;
using KeyRotation.Engine.Resilience.Retry;

namespace KeyRotation.Engine.Resilience.Audit;

/// <summary>
/// Audit writes are idempotent by event id, so every call is retried. A query is retried only until its first event
/// arrives: after that a restart would hand the auditor events twice, so a later failure is passed on.
/// </summary>
internal sealed class ResilientAuditLog(IAuditLog inner, ResilientCalls calls) : IAuditLog
{
    public Task EnsureWritableAsync(CancellationToken cancellationToken) =>
        calls.RunAsync(OperationNames.Audit, OperationNames.EnsureWritable, inner.EnsureWritableAsync, cancellationToken);

    public Task AppendAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken) =>
        calls.RunAsync(OperationNames.Audit, OperationNames.AppendEvents, ct => inner.AppendAsync(events, ct), cancellationToken);

    public Task<IReadOnlyDictionary<string, DateTimeOffset>> LastDeactivationsAsync(
        string accountId, IReadOnlyCollection<string> accessKeyIds, CancellationToken cancellationToken) =>
        calls.RunAsync(
            OperationNames.Audit,
            OperationNames.LastDeactivations,
            ct => inner.LastDeactivationsAsync(accountId, accessKeyIds, ct),
            cancellationToken);

    public Task<UnresolvedWork> UnresolvedAsync(string accountId, DateTimeOffset since, CancellationToken cancellationToken) =>
        calls.RunAsync(OperationNames.Audit, OperationNames.UnresolvedIntents, ct => inner.UnresolvedAsync(accountId, since, ct), cancellationToken);

    public async IAsyncEnumerable<AuditEvent> QueryAsync(
        AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (enumerator, first) = await calls.RunAsync(
            OperationNames.Audit, OperationNames.QueryEvents, ct => StartAsync(query, ct), cancellationToken).ConfigureAwait(false);
        if (enumerator is null) yield break;
        await using (enumerator.ConfigureAwait(false))
        {
            yield return first!;
            while (await enumerator.MoveNextAsync().ConfigureAwait(false))
                yield return enumerator.Current;
        }
    }

    /// <returns>The enumerator positioned on its first event, or null when there is none.</returns>
    private async Task<(IAsyncEnumerator<AuditEvent>? Enumerator, AuditEvent? First)> StartAsync(
        AuditQuery query, CancellationToken cancellationToken)
    {
        var enumerator = inner.QueryAsync(query, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            if (await enumerator.MoveNextAsync().ConfigureAwait(false)) return (enumerator, enumerator.Current);
        }
        catch
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        await enumerator.DisposeAsync().ConfigureAwait(false);
        return (null, null);
    }
}
