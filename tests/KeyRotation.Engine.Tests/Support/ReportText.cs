using System.Text;
using KeyRotation.Core.Audit;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Reporting;

namespace KeyRotation.Engine.Tests.Support;

/// <summary>Flattens outputs to text so tests can search them, e.g. for a leaked secret.</summary>
internal static class ReportText
{
    public static string Of(RunReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(report.ToString());
        foreach (var account in report.Accounts)
        {
            text.AppendLine(account.ToString());
            text.AppendJoin('\n', account.Notes).AppendLine();
            foreach (var action in account.Actions)
            {
                text.AppendLine(action.ToString());
            }
        }

        text.AppendJoin('\n', report.Notes).AppendLine();
        text.AppendJoin('\n', report.Summary.Failures).AppendLine();
        foreach (var e in report.UnwrittenAuditEvents)
        {
            text.AppendLine(Of(e));
        }

        return text.ToString();
    }

    public static string Of(AuditEvent e) => e.ToString();

    public static string Of(Notification n) =>
        $"{n.Subject}\n{n.Message}\n{string.Join(',', n.Attributes.Select(a => a.Key + "=" + a.Value))}";
}
