using System.Globalization;
using KeyRotation.Engine.Posture;

namespace KeyRotation.Cli.Output;

/// <summary>The report for people in a terminal: the headline shares, then accounts, OUs and the lists.</summary>
internal static class PostureTableWriter
{
    /// <summary>The columns a terminal has room for; the JSON, CSV and HTML carry every figure.</summary>
    private static readonly string[] Shown =
    [
        "users", "activeKeys", "underNinetyDays", "ninetyDaysToRotate", "rotateToDeactivate", "pastDeactivate", "neverUsedKeys",
        "inactiveKeys", "exemptUsers", "blockedByKeyLimit", "blockedBySecretNameTaken", "usersOutsideManagedScope", "withinNinetyDaysShare", "withinPolicyShare",
    ];

    public static void Write(TextWriter writer, PostureReport report)
    {
        var o = report.Organization;
        var p = report.Policy;
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Access key posture as of {report.AsOf.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} (policy: rotate {p.RotateAfterDays}, deactivate {p.DeactivateAfterDays}, delete {p.DeleteAfterDays} days)"));
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Accounts: {report.AccountsSurveyed} surveyed, {report.AccountsSkipped} skipped, {report.AccountsFailed} failed. Nothing was changed."));
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Users {o.Users}, keys {o.Keys} ({o.ActiveKeys} active, {o.InactiveKeys} inactive, {o.NeverUsedKeys} active never used)"));
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Active keys within 90 days (CIS 1.14): {PostureFields.Percent(o.WithinNinetyDaysShare)} ({o.ActiveWithinNinetyDays}/{o.ActiveKeys}); "
            + $"within policy: {PostureFields.Percent(o.WithinPolicyShare)} ({o.ActiveWithinPolicy}/{o.ActiveKeys})"));
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Active keys by age: {o.ActiveByAge.UnderNinetyDays} under 90 days, {o.ActiveByAge.NinetyDaysToRotate} 90 days to rotate age, "
            + $"{o.ActiveByAge.RotateToDeactivate} rotate to deactivate age, {o.ActiveByAge.PastDeactivate} past deactivate age"));
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Exempt users {o.ExemptUsers}; blocked users {o.BlockedByKeyLimit} (key limit), {o.BlockedBySecretNameTaken} (secret name taken); "
            + $"users outside the managed scope {o.UsersOutsideManagedScope} (in no other figure)"));

        var fields = Shown.Select(name => PostureFields.All.Single(f => f.Field == name)).ToArray();
        var surveyed = report.Accounts.Where(a => a.Figures is not null).ToArray();
        if (surveyed.Length > 0)
        {
            writer.WriteLine();
            writer.WriteLine("Accounts");
            TextTable.Write(writer, "  ", ["account", "name", .. fields.Select(f => f.Label)],
                [.. surveyed.Select(a => (IReadOnlyList<string>)[a.AccountId, a.AccountName, .. fields.Select(f => f.Format(a.Figures!))])]);
        }

        if (report.OrganizationalUnits.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("Organizational units (each with every account below it)");
            TextTable.Write(writer, "  ", ["ou", "path", "accounts", .. fields.Select(f => f.Label)],
                [.. report.OrganizationalUnits.Select(u =>
                    (IReadOnlyList<string>)[u.Id, u.Path, u.Accounts.ToString(CultureInfo.InvariantCulture), .. fields.Select(f => f.Format(u.Figures))])]);
        }

        List("Exempt users", ["account", "user", "until"],
            report.Exemptions.Select(e => (IReadOnlyList<string>)[e.AccountId, e.UserName, e.Until ?? "no end date"]), writer);
        List("Blocked users", ["account", "user", "why"],
            report.BlockedUsers.Select(b => (IReadOnlyList<string>)[b.AccountId, b.UserName, b.Reason]), writer);
        List("Accounts not surveyed", ["account", "name", "status", "why"],
            report.Accounts.Where(a => a.Figures is null)
                .Select(a => (IReadOnlyList<string>)[a.AccountId, a.AccountName, a.Status.ToString(), a.Error ?? a.Reason ?? ""]), writer);
        if (report.Notes.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("Notes");
            foreach (var note in report.Notes)
            {
                writer.WriteLine("  " + note);
            }
        }
    }

    private static void List(string title, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, TextWriter writer)
    {
        var list = rows.ToArray();
        if (list.Length == 0)
        {
            return;
        }

        writer.WriteLine();
        writer.WriteLine(title);
        TextTable.Write(writer, "  ", headers, list);
    }
}
