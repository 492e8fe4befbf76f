using System.Collections.Concurrent;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Simulation.Faults;

/// <summary>
/// Raises the faults of a <see cref="FaultSpec"/>, reproducibly for a seed. Each decision is a hash of
/// (seed, service, operation, account, how many such calls came before), not a draw from one shared Random, so the
/// n-th CreateAccessKey in an account fails or not whatever order parallel accounts and users are scheduled in.
/// Thread-safe.
/// </summary>
public sealed class RandomFaults : IFaultSource
{
    private readonly FaultSpec spec;
    private readonly long seed;
    private readonly ConcurrentDictionary<(string Service, string Operation, string Account), StrongBoxCounter> counters = new();
    private long injected;

    public RandomFaults(FaultSpec spec, long seed)
    {
        this.spec = spec ?? throw new ArgumentNullException(nameof(spec));
        this.seed = seed;
    }

    public FaultSpec Spec => spec;

    /// <summary>How many faults have been raised so far.</summary>
    public long Injected => Interlocked.Read(ref injected);

    public ServiceException? FaultFor(SimulatedCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var counter = counters.GetOrAdd((call.Service, call.Operation, call.AccountId), static _ => new StrongBoxCounter());
        var n = Interlocked.Increment(ref counter.Value) - 1;
        var fault = Decide(call, n);
        if (fault is not null) Interlocked.Increment(ref injected);
        return fault;
    }

    private ServiceException? Decide(SimulatedCall call, long n)
    {
        if (call.Service == "sts" && call.Operation == "AssumeRole" && spec.DeniedAccounts.Contains(call.AccountId))
            return FaultErrors.AccessDenied(call);
        if (call.Service == "secretsmanager" && spec.IsSecretStoreDown(call.AccountId))
            return FaultErrors.SecretStoreDown(call);
        if (call.Service == "sns" && call.Operation == "Publish" && spec.NotifierDown)
            return FaultErrors.NotifierDown(call);

        var hash = StableHash.Of(seed, call.Service, call.Operation, call.AccountId, n);
        var draw = StableHash.ToUnit(hash);
        if (draw < spec.ThrottleRate) return FaultErrors.Throttling(call);
        draw -= spec.ThrottleRate;
        if (draw < spec.ServerErrorRate) return FaultErrors.ServerError(call, unavailable: (hash & 1) == 1);
        draw -= spec.ServerErrorRate;
        return draw < spec.TimeoutRate ? FaultErrors.Timeout(call) : null;
    }

    private sealed class StrongBoxCounter
    {
        public long Value;
    }
}
