using System.Collections.Concurrent;
using KeyRotation.Engine.Ports;
using KeyRotation.Simulation.Faults;

namespace KeyRotation.Simulation.Cost;

/// <summary>
/// Charges each call that passes the <c>SimulationGate</c> what it would cost in AWS: a token from its bucket or
/// a throttling error with the service's own code, and its latency either way (a refusal is a round trip too).
/// Waits on the injected <see cref="TimeProvider"/>, so a scaled clock runs the whole model faster at the same
/// ratios. Thread-safe.
/// </summary>
public sealed class CallCostModel
{
    private readonly TimeProvider time;
    private readonly ConcurrentDictionary<(string Service, string Scope), ServerTokenBucket> buckets = new();
    private readonly ConcurrentDictionary<(string Service, string Operation, string Account), long> served = new();
    private readonly ConcurrentDictionary<string, long> throttled = new(StringComparer.Ordinal);

    /// <exception cref="ArgumentException">The options are unusable; the message names each field and value.</exception>
    public CallCostModel(CostModelOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException($"invalid cost model: {string.Join("; ", problems)}", nameof(options));
        }

        Options = options;
        this.time = time;
    }

    public CostModelOptions Options { get; }

    /// <summary>Calls refused by a token bucket so far, by operation name.</summary>
    public IReadOnlyDictionary<string, long> ThrottledByOperation =>
        new SortedDictionary<string, long>(throttled, StringComparer.Ordinal);

    public long ThrottledCalls => throttled.Values.Sum();

    /// <summary>Calls answered so far, by service, operation and account, ordered.</summary>
    public IReadOnlyList<ServedCalls> Served =>
        served.Select(p => new ServedCalls(p.Key.Service, p.Key.Operation, p.Key.Account, p.Value))
            .OrderBy(c => c.Service, StringComparer.Ordinal)
            .ThenBy(c => c.AccountId, StringComparer.Ordinal)
            .ThenBy(c => c.Operation, StringComparer.Ordinal)
            .ToArray();

    /// <exception cref="ServiceException">The service's throttling error when the call's bucket is empty.</exception>
    public async ValueTask ChargeAsync(SimulatedCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var cost = Options.For(call.Service);
        var admitted = cost.RequestsPerSecond is not { } rate || BucketFor(call, cost, rate).TryTake();
        if (admitted)
        {
            served.AddOrUpdate((call.Service, call.Operation, call.AccountId), 1, static (_, n) => n + 1);
        }
        else
        {
            throttled.AddOrUpdate(call.Operation, 1, static (_, n) => n + 1);
        }

        if (cost.Latency > TimeSpan.Zero)
        {
            await Task.Delay(cost.Latency, time, cancellationToken).ConfigureAwait(false);
        }

        if (!admitted)
        {
            throw ThrottlingErrors.For(call);
        }
    }

    private ServerTokenBucket BucketFor(SimulatedCall call, ServiceCost cost, double rate)
    {
        var scope = cost.Scope == RateScope.PerAccount ? call.AccountId : "";
        return buckets.GetOrAdd((call.Service, scope), static (_, s) => new ServerTokenBucket(s.rate, s.Burst, s.time),
            (rate, cost.Burst, time));
    }
}
