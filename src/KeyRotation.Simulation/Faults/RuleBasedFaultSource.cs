using KeyRotation.Engine.Ports;

namespace KeyRotation.Simulation.Faults;

/// <summary>
/// A fault source driven by <see cref="FaultRule"/>s that tests add and remove while a run goes on.
/// Thread-safe; the first rule (in the order added) that fails a call wins.
/// </summary>
public sealed class RuleBasedFaultSource : IFaultSource
{
    private readonly Lock gate = new();
    private readonly List<RuleState> rules = [];

    public RuleBasedFaultSource(params FaultRule[] rules)
    {
        foreach (var rule in rules)
        {
            Add(rule);
        }
    }

    public void Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        lock (gate)
        {
            rules.Add(new RuleState(rule));
        }
    }

    public bool Remove(FaultRule rule)
    {
        lock (gate)
        {
            return rules.RemoveAll(r => ReferenceEquals(r.Rule, rule)) > 0;
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            rules.Clear();
        }
    }

    /// <summary>How many calls this rule has matched so far (failed or not).</summary>
    public int MatchCount(FaultRule rule)
    {
        lock (gate)
        {
            return rules.Where(r => ReferenceEquals(r.Rule, rule)).Sum(r => r.Matched);
        }
    }

    public ServiceException? FaultFor(SimulatedCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        lock (gate)
        {
            ServiceException? fault = null;
            foreach (var state in rules)
            {
                if (!state.Rule.Matches(call))
                {
                    continue;
                }

                // Every matching rule counts the call, so a rule's call numbers do not depend on the rules before it.
                state.Matched++;
                if (fault is null && (state.Rule.OnCalls is null || state.Rule.OnCalls.Contains(state.Matched)))
                {
                    fault = state.Rule.ToException(call);
                }
            }

            return fault;
        }
    }

    private sealed class RuleState(FaultRule rule)
    {
        public FaultRule Rule { get; } = rule;

        public int Matched { get; set; }
    }
}
