using System.Runtime.CompilerServices;
using KeyRotation.Core.Audit;
using KeyRotation.Core.Planning;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Simulation.Ports;

/// <summary>
/// The audit table in memory: idempotent by event id (a repeated id leaves the first event as it was), queried
/// oldest first. Calls pass the gate under service "audit" so tests can make the store fail.
/// </summary>
public sealed class InMemoryAuditLog(SimulationGate gate, string homeAccountId) : IAuditLog
{
    private readonly Lock sync = new();
    private readonly List<AuditEvent> events = [];
    private readonly HashSet<string> ids = new(StringComparer.Ordinal);

    // Reconciliation asks once per account: a scan of every event made large runs quadratic.
    private readonly Dictionary<string, List<AuditEvent>> byAccount = new(StringComparer.Ordinal);

    // Indexed because the engine asks once per account and per re-read user: a scan made large runs quadratic.
    private readonly Dictionary<(string AccountId, string AccessKeyId), DateTimeOffset> lastDeactivations = [];

    public InMemoryAuditLog()
        : this(new SimulationGate(), "audit")
    {
    }

    /// <summary>Every stored event in the order it was first written.</summary>
    public IReadOnlyList<AuditEvent> Events
    {
        get
        {
            lock (sync)
            {
                return events.ToArray();
            }
        }
    }

    /// <summary>Puts history in place without passing the gate, e.g. deactivations of an earlier run.</summary>
    public void Seed(IEnumerable<AuditEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        lock (sync)
        {
            foreach (var e in history)
            {
                Add(e);
            }
        }
    }

    public async Task EnsureWritableAsync(CancellationToken cancellationToken) =>
        await Pass(OperationNames.EnsureWritable, cancellationToken);

    public async Task AppendAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        await Pass(OperationNames.AppendEvents, cancellationToken);
        lock (sync)
        {
            foreach (var e in events)
            {
                Add(e);
            }
        }
    }

    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> LastDeactivationsAsync(
        string accountId, IReadOnlyCollection<string> accessKeyIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accessKeyIds);
        await Pass(OperationNames.LastDeactivations, cancellationToken);
        lock (sync)
        {
            var found = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            foreach (var id in accessKeyIds)
            {
                if (lastDeactivations.TryGetValue((accountId, id), out var at))
                {
                    found[id] = at;
                }
            }

            return found;
        }
    }

    public async Task<UnresolvedWork> UnresolvedAsync(string accountId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await Pass(OperationNames.UnresolvedIntents, cancellationToken);
        lock (sync)
        {
            return UnresolvedWork.From(byAccount.GetValueOrDefault(accountId)?.Where(e => e.OccurredAt >= since) ?? []);
        }
    }

    public async IAsyncEnumerable<AuditEvent> QueryAsync(
        AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await Pass(OperationNames.QueryEvents, cancellationToken);
        AuditEvent[] matches;
        lock (sync)
        {
            // OrderBy is stable, so events at the same instant keep the order they were written in.
            var ordered = events.Where(query.Matches).OrderBy(e => e.OccurredAt);
            matches = (query.Limit is { } limit ? ordered.Take(limit) : ordered).ToArray();
        }

        foreach (var e in matches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return e;
        }
    }

    private ValueTask Pass(string operation, CancellationToken cancellationToken) =>
        gate.PassAsync(OperationNames.Audit, operation, homeAccountId, cancellationToken);

    private void Add(AuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (ids.Add(e.EventId))
        {
            events.Add(e);
            if (!byAccount.TryGetValue(e.AccountId, out var ofAccount))
            {
                byAccount[e.AccountId] = ofAccount = [];
            }

            ofAccount.Add(e);
            // A revoke is a deactivation by this tool too: the key stays restorable for its recovery window.
            if (e.AccessKeyId is { } keyId && e.Action is (nameof(ActionKind.DeactivateKey) or nameof(ActionKind.RevokeKey))
                && e.Outcome == AuditOutcome.Succeeded
                && (!lastDeactivations.TryGetValue((e.AccountId, keyId), out var known) || e.OccurredAt > known))
            {
                lastDeactivations[(e.AccountId, keyId)] = e.OccurredAt;
            }
        }
    }
}
