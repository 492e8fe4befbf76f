using KeyRotation.Aws.Audit;
using KeyRotation.Cli.Settings;
using KeyRotation.Engine.Reporting;

namespace KeyRotation.Cli.Output;

/// <summary>After a report on the table output: where the audit trail went and the command that reads it back.</summary>
internal static class AuditHint
{
    /// <summary>For plan and run: only on the table output, only when the run happened and wrote to a table.</summary>
    public static void WriteAfterRun(TextWriter writer, RunReport? report, RunSettings settings)
    {
        if (report is not null && settings.Output == OutputFormat.Table && settings.AuditStore is { } store)
        {
            Write(writer, report.RunId, store);
        }
    }

    public static void Write(TextWriter writer, string runId, AuditStoreSettings store)
    {
        writer.WriteLine();
        writer.WriteLine($"Audit trail of run {runId}: {AuditCommandLine.Describe(store)}. Read it back with:");
        writer.WriteLine("  " + AuditCommandLine.Query(runId, store));
    }
}
