using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Runs;

namespace KeyRotation.Cli.Running;

/// <summary>
/// Where a plan or run acts: a simulated organization (<see cref="SimulationTarget"/>) or AWS
/// (<see cref="AwsTarget"/>), picked from the flags in <see cref="RunTargets"/>. The command classes only see this,
/// and dispose it when the command ends.
/// </summary>
internal interface IRunTarget : IAsyncDisposable
{
    RotationServices Services { get; }

    /// <summary>Who acts, for the audit trail (caller ARN, or "simulation").</summary>
    string Actor { get; }

    /// <summary>The account run-level audit events are filed under.</summary>
    string ManagementAccountId { get; }

    /// <summary>After the sweep, e.g. saves the simulated organization; runs even when accounts failed.</summary>
    Task CompleteAsync(RunReport report, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the target writes the audit trail to the --audit-table of the run settings itself (AWS opens it with the
    /// run's own credentials and endpoints); when false the sweep swaps the target's audit log for that table.
    /// </summary>
    bool OpensAuditTable => false;

    /// <summary>Releases what the target holds (AWS clients); a simulation holds nothing.</summary>
    ValueTask IAsyncDisposable.DisposeAsync() => ValueTask.CompletedTask;
}
