using KeyRotation.Core.Policy;
using KeyRotation.Core.Tags;
using KeyRotation.Core.Targeting;
using KeyRotation.Engine.Runs;

namespace KeyRotation.Engine.Posture;

/// <summary>What one posture report covers and judges by. The host reads the clock once and passes <see cref="AsOf"/>.</summary>
public sealed record PostureOptions
{
    /// <summary>The instant every key age is measured at.</summary>
    public required DateTimeOffset AsOf { get; init; }

    /// <summary>The global policy; account and user tags override it per user, as in a run.</summary>
    public RotationPolicy Policy { get; init; } = RotationPolicy.Default;

    public AccountTargeting Targeting { get; init; } = AccountTargeting.All;

    public TagConventions Tags { get; init; } = TagConventions.Default;

    /// <summary>
    /// The users the deployment manages, as in a run: only they are judged and counted in the figures; the others are
    /// counted as outside the scope. Default every user.
    /// </summary>
    public ManagedScope Scope { get; init; } = ManagedScope.Everyone;

    /// <summary>Accounts surveyed at once. Default 1,000, as a run (calls are paced per account by the resilience layer).</summary>
    public int MaxAccountsInFlight { get; init; } = 1_000;

    /// <summary>What a report over the same organization as a run covers: the run's instant, policy, targeting, tags and scope.</summary>
    public static PostureOptions From(RotationRunOptions run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new PostureOptions
        {
            AsOf = run.AsOf,
            Policy = run.Policy,
            Targeting = run.Targeting,
            Tags = run.Tags,
            Scope = run.Scope,
            MaxAccountsInFlight = run.MaxAccountsInFlight,
        };
    }

    /// <summary>Every problem with these options, each naming the field and value; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxAccountsInFlight < 1)
        {
            problems.Add($"MaxAccountsInFlight must be at least 1 (got {MaxAccountsInFlight})");
        }

        problems.AddRange(Policy.Validate().Select(p => "Policy: " + p));
        return problems;
    }
}
