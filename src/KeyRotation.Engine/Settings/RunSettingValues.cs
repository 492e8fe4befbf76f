using KeyRotation.Core.Policy;
using KeyRotation.Core.Tags;
using KeyRotation.Core.Targeting;
using KeyRotation.Engine.Resilience.RateLimits;
using KeyRotation.Engine.Sweep;
using KeyRotation.Engine.Runs;

namespace KeyRotation.Engine.Settings;

/// <summary>What <see cref="RotationSettings.Read"/> makes of a host's settings: the parts of
/// <see cref="RotationRunOptions"/> a host takes from its user. Each default is the engine's.</summary>
public sealed record RunSettingValues
{
    public RotationPolicy Policy { get; init; } = RotationPolicy.Default;

    public TagConventions Tags { get; init; } = TagConventions.Default;

    public AccountTargeting Targeting { get; init; } = AccountTargeting.All;

    public ManagedScope Scope { get; init; } = ManagedScope.Everyone;

    public IReadOnlyList<string> PlaintextSubscribers { get; init; } = [];

    /// <summary>Null when not given: the host's default applies.</summary>
    public int? MaxAccountsInFlight { get; init; }

    /// <summary>Null when not given: the host's default applies.</summary>
    public int? MaxUsersInFlight { get; init; }

    /// <summary>Organizations requests per second for the whole organization; null when not given (the engine's 2).</summary>
    public int? OrganizationsRequestsPerSecond { get; init; }

    /// <summary>Rotation steps of a fan-out at once; null when not given (no fan-out known: a step paces as a sweep).</summary>
    public int? FanOutConcurrency { get; init; }

    /// <summary>
    /// The pacing of a sweep (<paramref name="fanOutStep"/> false: the whole Organizations rate) or of one fan-out
    /// rotation step (its share of the rate, <see cref="RateLimitOptions.OrganizationsShareOf"/>, when
    /// <see cref="FanOutConcurrency"/> is given; a step invoked on its own, outside a known fan-out, paces as a sweep).
    /// A step that takes its turns from the deployment's shared turns (<paramref name="sharedTurns"/>) paces at the
    /// whole rate: the turns, not a share, keep the steps together within it.
    /// </summary>
    public RateLimitOptions Pacing(RateLimitOptions limits, bool fanOutStep, bool sharedTurns = false)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var organizationWide = OrganizationsRequestsPerSecond is { } rate ? limits with { OrganizationsRequestsPerSecond = rate } : limits;
        return fanOutStep && !sharedTurns && FanOutConcurrency is { } concurrency
            ? organizationWide.OrganizationsShareOf(concurrency)
            : organizationWide;
    }

    /// <summary>The options with these values; a count not given keeps the options' own.</summary>
    public RotationRunOptions ApplyTo(RotationRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options with
        {
            Policy = Policy,
            Tags = Tags,
            Targeting = Targeting,
            Scope = Scope,
            PlaintextSubscribers = PlaintextSubscribers,
            MaxAccountsInFlight = MaxAccountsInFlight ?? options.MaxAccountsInFlight,
            MaxUsersInFlight = MaxUsersInFlight ?? options.MaxUsersInFlight,
        };
    }
}
