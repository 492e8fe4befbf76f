using KeyRotation.Engine.Posture;

namespace KeyRotation.Cli.Output;

/// <summary>
/// The report as RFC 4180 CSV, spreadsheet-safe like the audit CSV (<see cref="CsvCell"/>): one row for the
/// organization, one per OU, one per account (accounts not surveyed say why, with empty figures).
/// </summary>
internal static class PostureCsvWriter
{
    private const string LineEnd = "\r\n";

    private static readonly string[] Leading = ["scope", "id", "name", "ouPath", "status", "reason"];

    public static void Write(TextWriter output, PostureReport report)
    {
        output.Write(CsvCell.Line(Leading.Concat(PostureFields.All.Select(f => f.Field))) + LineEnd);
        Row(output, ["organization", "", "", "", "", ""], report.Organization);
        foreach (var ou in report.OrganizationalUnits)
        {
            Row(output, ["ou", ou.Id, ou.Path, ou.Path, "", ""], ou.Figures);
        }

        foreach (var account in report.Accounts)
        {
            Row(output, ["account", account.AccountId, account.AccountName, account.OuPath, account.Status.ToString(),
                account.Error ?? account.Reason ?? ""], account.Figures);
        }
    }

    private static void Row(TextWriter output, string[] leading, PostureFigures? figures) =>
        output.Write(CsvCell.Line(leading.Concat(PostureFields.All.Select(f => figures is null ? "" : f.RawValue(figures)))) + LineEnd);
}
