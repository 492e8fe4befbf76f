using KeyRotation.Cli.Options;
using KeyRotation.Core.Policy;
using KeyRotation.Core.Tags;
using KeyRotation.Core.Targeting;

namespace KeyRotation.Cli.Running;

/// <summary>Everything read and checked from the command line before a plan or run starts.</summary>
internal sealed record RunSettings(
    string RunId,
    DateTimeOffset AsOf,
    bool DryRun,
    RotationPolicy Policy,
    AccountTargeting Targeting,
    TagConventions Tags,
    OutputFormat Output)
{
    public RunLimits Limits { get; init; } = RunLimits.Default;
}
