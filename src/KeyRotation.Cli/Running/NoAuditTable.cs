using System.Runtime.CompilerServices;
using KeyRotation.Core.Audit;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Cli.Running;

/// <summary>
/// The audit store of an AWS run without --audit-table (a plan, or a run given --without-audit-table): it records
/// nothing and knows no history, so keys this tool deactivated in earlier runs are judged by age alone (a key past
/// the delete age is deleted without waiting out its recovery window), as the run's warning says. Not the simulation's in-memory
/// log: nothing on an AWS path pretends to keep what it does not.
/// </summary>
internal sealed class NoAuditTable : IAuditLog
{
    private static readonly IReadOnlyDictionary<string, DateTimeOffset> None = new Dictionary<string, DateTimeOffset>();

    public Task EnsureWritableAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task AppendAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyDictionary<string, DateTimeOffset>> LastDeactivationsAsync(
        string accountId, IReadOnlyCollection<string> accessKeyIds, CancellationToken cancellationToken) => Task.FromResult(None);

    /// <summary>No history, so nothing to reconcile (an earlier run's stop is invisible without a table).</summary>
    public Task<UnresolvedWork> UnresolvedAsync(string accountId, DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult(UnresolvedWork.None);

    public async IAsyncEnumerable<AuditEvent> QueryAsync(
        AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        yield break;
    }
}
