using System.Collections.Concurrent;
using KeyRotation.Engine.Ports;
using KeyRotation.Simulation.Faults;

namespace KeyRotation.Simulation.Ports;

/// <summary>
/// The single door every simulated call passes through: it counts the call and asks the fault sources whether
/// it fails. A cost model (latency, per-account token buckets) belongs here too, which is why this is one class
/// and why <see cref="PassAsync"/> is asynchronous although nothing waits yet.
/// </summary>
public sealed class SimulationGate
{
    private readonly IReadOnlyList<IFaultSource> faultSources;
    private readonly ConcurrentDictionary<string, long> callsByOperation = new(StringComparer.Ordinal);

    public SimulationGate(IEnumerable<IFaultSource>? faultSources = null) =>
        this.faultSources = faultSources?.ToArray() ?? [];

    /// <summary>Calls attempted so far, failed ones included, by operation name.</summary>
    public IReadOnlyDictionary<string, long> CallsByOperation =>
        new SortedDictionary<string, long>(callsByOperation, StringComparer.Ordinal);

    public long CallsTo(string operation) => callsByOperation.GetValueOrDefault(operation);

    /// <exception cref="ServiceException">The fault a source injected for this call.</exception>
    public ValueTask PassAsync(string service, string operation, string accountId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        callsByOperation.AddOrUpdate(operation, 1, static (_, n) => n + 1);
        var call = new SimulatedCall(service, operation, accountId);
        foreach (var source in faultSources)
        {
            if (source.FaultFor(call) is { } fault)
            {
                throw fault;
            }
        }

        return ValueTask.CompletedTask;
    }
}
