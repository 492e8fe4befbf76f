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

    /// <summary>Per-request retry, like an SDK client's own; null (the default) lets every failure through at once.</summary>
    public RequestRetry? Retry { get; set; }

    /// <summary>Calls attempted so far, failed ones included, by operation name.</summary>
    public IReadOnlyDictionary<string, long> CallsByOperation =>
        new SortedDictionary<string, long>(callsByOperation, StringComparer.Ordinal);

    public long CallsTo(string operation) => callsByOperation.GetValueOrDefault(operation);

    /// <exception cref="ServiceException">The fault a source injected for this call, or the cost model's throttling,
    /// once <see cref="Retry"/> (if any) has given up on it.</exception>
    public async ValueTask PassAsync(string service, string operation, string accountId, CancellationToken cancellationToken)
    {
        for (var retries = 0; ; retries++)
        {
            try
            {
                await AttemptAsync(new SimulatedCall(service, operation, accountId), cancellationToken);
                return;
            }
            catch (ServiceException error) when (Retry is { } retry && retry.ShouldRetry(error, operation, retries))
            {
                retry.Tally.Add();
                await retry.WaitAsync(retries, StableJitter(service, operation, accountId, retries), cancellationToken);
            }
        }
    }

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

    // Jitter from the call itself rather than a shared Random, so parallel scheduling cannot change any wait.
    private static double StableJitter(string service, string operation, string accountId, int retries) =>
        (uint)HashCode.Combine(service, operation, accountId, retries) / (double)uint.MaxValue;
}
