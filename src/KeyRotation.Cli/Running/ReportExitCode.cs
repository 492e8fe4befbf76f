using KeyRotation.Cli.Hosting;
using KeyRotation.Core.Targeting;
using KeyRotation.Engine.Reporting;

namespace KeyRotation.Cli.Running;

internal static class ReportExitCode
{
    /// <summary>
    /// Unwritten audit events outrank failures (a change without its record is the worse news), failures outrank
    /// deferral (a rerun finishes deferred accounts by itself).
    /// </summary>
    /// A failed action is a failure even in a processed account, and so is a run in which no account could be entered
    /// because every member role was refused (more likely the central role or the external id than missing roles).
    /// A stop by signal is decided by the caller (<see cref="GracefulStop"/>), which outranks all of these.
    public static int For(RunReport report) =>
        report.UnwrittenAuditEvents.Count > 0 ? ExitCodes.AuditIncomplete
        : report.Summary.Failed > 0 || report.Summary.FailedActions > 0 || NoAccountEntered(report) ? ExitCodes.AccountsFailed
        : report.Summary.Deferred > 0 || report.Summary.Interrupted > 0 ? ExitCodes.Deferred
        : ExitCodes.Success;

    private static bool NoAccountEntered(RunReport report) =>
        report.Summary.Processed == 0
        && report.Accounts.Any(a => a.Status == AccountStatus.Skipped && a.Reason == nameof(AccountSkipReason.RoleNotDeployed));
}
