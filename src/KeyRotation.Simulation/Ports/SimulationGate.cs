using System.Collections.Concurrent;
using KeyRotation.Engine.Ports;
using KeyRotation.Simulation.Cost;
using KeyRotation.Simulation.Faults;

namespace KeyRotation.Simulation.Ports;

/// <summary>
/// The single door every simulated call passes through: it counts the call, asks the fault sources whether it
/// fails, and, with a <see cref="CallCostModel"/>, charges its latency and token (or throttles it).
/// </summary>
public sealed class SimulationGate
{
    private readonly IReadOnlyList<IFaultSource> faultSources;
    private readonly ConcurrentDictionary<string, long> callsByOperation = new(StringComparer.Ordinal);

    /// <param name="cost">Latency and rate limits; null makes every call free and instant.</param>
    public SimulationGate(IEnumerable<IFaultSource>? faultSources = null, CallCostModel? cost = null)
    {
        this.faultSources = faultSources?.ToArray() ?? [];
        Cost = cost;
    }

    /// <summary>The cost model calls are charged by, with its throttling and per-account counts; null when none.</summary>
    public CallCostModel? Cost { get; }


    /// <summary>Calls attempted so far, failed ones included, by operation name.</summary>
    public IReadOnlyDictionary<string, long> CallsByOperation =>
        new SortedDictionary<string, long>(callsByOperation, StringComparer.Ordinal);

    public long CallsTo(string operation) => callsByOperation.GetValueOrDefault(operation);

    /// <summary>One request: counted, then failed as a fault source says, then charged by the cost model. Nothing
    /// here retries; the engine's pipeline does, around each operation.</summary>
    /// <exception cref="ServiceException">The fault a source injected for this call, or the cost model's throttling.</exception>
    public ValueTask PassAsync(string service, string operation, string accountId, CancellationToken cancellationToken) =>
        AttemptAsync(new SimulatedCall(service, operation, accountId), cancellationToken);

    private async ValueTask AttemptAsync(SimulatedCall call, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        callsByOperation.AddOrUpdate(call.Operation, 1, static (_, n) => n + 1);
        foreach (var source in faultSources)
        {
            if (source.FaultFor(call) is { } fault)
            {
                throw fault;
            }
        }

        if (Cost is not null)
        {
            await Cost.ChargeAsync(call, cancellationToken);
        }
    }
}
