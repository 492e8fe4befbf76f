using KeyRotation.Aws.Audit;
using KeyRotation.Core.Policy;
using KeyRotation.Core.Tags;
using KeyRotation.Core.Targeting;
using KeyRotation.Engine.Runs;

namespace KeyRotation.Cli.Settings;

/// <summary>Everything read and checked from the command line before a plan or run starts.</summary>
/// <param name="AuditStore">The DynamoDB table the audit trail goes to (--audit-table); null: the target's own audit log.</param>
internal sealed record RunSettings(
    string RunId,
    DateTimeOffset AsOf,
    bool DryRun,
    RotationPolicy Policy,
    AccountTargeting Targeting,
    TagConventions Tags,
    OutputFormat Output,
    AuditStoreSettings? AuditStore = null)
{
    public RunLimits Limits { get; init; } = RunLimits.Default;

    public Engine.Runs.ManagedScope Scope { get; init; } = Engine.Runs.ManagedScope.Everyone;

    public IReadOnlyList<string> PlaintextSubscribers { get; init; } = [];

    /// <summary>--audit-digest-bucket: where each run's digest is sealed; null: the run is not sealed.</summary>
    public string? AuditDigestBucket { get; init; }

    /// <summary>The engine's options for this run.</summary>
    /// <param name="now">The run's clock read right before the sweep; the time budget counts from there.</param>
    public Engine.Runs.RotationRunOptions ToRunOptions(string actor, string managementAccountId, DateTimeOffset now) =>
        Limits.ApplyTo(new Engine.Runs.RotationRunOptions
        {
            RunId = RunId,
            AsOf = AsOf,
            DryRun = DryRun,
            Policy = Policy,
            Targeting = Targeting,
            Tags = Tags,
            Scope = Scope,
            PlaintextSubscribers = PlaintextSubscribers,
            Actor = actor,
            ManagementAccountId = managementAccountId,
        }, now);

    /// <summary>--progress of plan and run; commands without the flag show none.</summary>
    public ProgressSettings Progress { get; init; } = ProgressSettings.Off;
}
