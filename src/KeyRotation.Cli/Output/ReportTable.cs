using System.Globalization;
using KeyRotation.Core.Policy;
using KeyRotation.Engine.Reporting;
using KeyRotation.Simulation.Files;

namespace KeyRotation.Cli.Output;

/// <summary>The report for people: a header, one block of actions per account, the summary. Never a secret: the report holds none.</summary>
internal static class ReportTable
{
    private static readonly string[] Headers = ["USER", "ACCESS KEY", "ACTION", "REASON", "OUTCOME", "DETAIL"];

    public static void Write(TextWriter writer, RunReport report)
    {
        var mode = report.DryRun ? "plan (dry run: nothing was changed)" : "run (changes applied)";
        writer.WriteLine($"Run {report.RunId} as of {InstantText.Format(report.AsOf)}: {mode}");
        writer.WriteLine($"Policy: {Describe(report.Policy)}");
        foreach (var note in report.Notes)
        {
            writer.WriteLine($"Note: {note}");
        }

        foreach (var account in report.Accounts)
        {
            writer.WriteLine();
            WriteAccount(writer, account);
        }

        writer.WriteLine();
        WriteSummary(writer, report);
    }

    private static void WriteAccount(TextWriter writer, AccountReport account)
    {
        var status = account.Status.ToString();
        if (account.Reason is not null)
        {
            status += $" ({account.Reason})";
        }

        writer.WriteLine($"Account {account.AccountId} {account.AccountName}: {status}");
        if (account.Error is not null)
        {
            writer.WriteLine($"  error: {account.Error}");
        }

        foreach (var note in account.Notes)
        {
            writer.WriteLine($"  note: {note}");
        }

        if (account.UsersOutOfScope is { } outOfScope)
        {
            writer.WriteLine($"  users out of the managed scope (never planned): {outOfScope.ToString(CultureInfo.InvariantCulture)}");
        }

        if (account.Status == AccountStatus.Processed && account.Actions.Count == 0)
        {
            writer.WriteLine("  nothing to do");
            return;
        }

        if (account.Actions.Count == 0)
        {
            return;
        }

        var rows = account.Actions.Select(a => (IReadOnlyList<string>)
        [
            a.UserName,
            a.AccessKeyId ?? "-",
            a.Action.ToString(),
            a.Reason.ToString(),
            a.Outcome,
            a.Error is null ? a.Detail : $"{a.Detail} [error: {a.Error}]",
        ]).ToList();
        TextTable.Write(writer, "  ", Headers, rows);
    }

    private static void WriteSummary(TextWriter writer, RunReport report)
    {
        var s = report.Summary;
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Summary: {s.Accounts} accounts: {s.Processed} processed, {s.Skipped} skipped, {s.Failed} failed, {s.Deferred} deferred; {s.Retries} retries"));
        var actions = s.Actions.Count == 0
            ? "none"
            : string.Join(", ", s.Actions.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key} {a.Value}"));
        writer.WriteLine($"Actions: {actions}");
        foreach (var failure in s.Failures)
        {
            writer.WriteLine($"Failed: {failure.AccountId}: {failure.Error}");
        }

        if (report.UnwrittenAuditEvents.Count > 0)
        {
            writer.WriteLine($"Audit: {report.UnwrittenAuditEvents.Count} events could not be written to the audit store; they follow so the record is kept:");
            foreach (var e in report.UnwrittenAuditEvents)
            {
                writer.WriteLine($"  {InstantText.Format(e.OccurredAt)} {e.EventId} {e.AccountId} {e.UserName ?? "-"} {e.AccessKeyId ?? "-"} {e.Action} {e.Reason ?? "-"} {e.Outcome} {e.Detail ?? ""} {e.Error ?? ""}".TrimEnd());
            }
        }
    }

    private static string Describe(RotationPolicy p)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"rotate at {p.RotateAfterDays} days, deactivate at {p.DeactivateAfterDays}, delete at {p.DeleteAfterDays}, idle after {p.IdleDays}, recovery {p.EffectiveRecoveryDays}");
        if (p.ForceDeactivateAfterDays is { } force)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", forced deactivation at {force}");
        }

        return text + (p.SecretDelivery == SecretDelivery.Notification
            ? "; new secrets are sent in the notification (plaintext opt-in)"
            : "; new secrets go to Secrets Manager");
    }
}
