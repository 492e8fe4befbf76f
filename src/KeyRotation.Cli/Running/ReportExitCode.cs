using KeyRotation.Engine.Reporting;

namespace KeyRotation.Cli.Running;

internal static class ReportExitCode
{
    /// <summary>
    /// Unwritten audit events outrank failures (a change without its record is the worse news), failures outrank
    /// deferral (a rerun finishes deferred accounts by itself).
    /// </summary>
    public static int For(RunReport report) =>
        report.UnwrittenAuditEvents.Count > 0 ? ExitCodes.AuditIncomplete
        : report.Summary.Failed > 0 ? ExitCodes.AccountsFailed
        : report.Summary.Deferred > 0 ? ExitCodes.Deferred
        : ExitCodes.Success;
}
