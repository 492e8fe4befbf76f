using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Sweep;

namespace KeyRotation.Cli.Running;

/// <summary>
/// Where a plan or run acts: a simulated organization today; AWS is another implementation built from its own
/// flags in <see cref="RunTargets"/>. The command classes only see this.
/// </summary>
internal interface IRunTarget
{
    RotationServices Services { get; }

    /// <summary>Who acts, for the audit trail (caller ARN, or "simulation").</summary>
    string Actor { get; }

    /// <summary>The account run-level audit events are filed under.</summary>
    string ManagementAccountId { get; }

    /// <summary>After the sweep, e.g. saves the simulated organization; runs even when accounts failed.</summary>
    Task CompleteAsync(RunReport report, CancellationToken cancellationToken);
}
