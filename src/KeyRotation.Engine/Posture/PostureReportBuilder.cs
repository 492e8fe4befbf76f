using System.Globalization;

namespace KeyRotation.Engine.Posture;

/// <summary>Adds the surveyed users up per account, per OU (with everything below it) and for the organization. Pure.</summary>
internal static class PostureReportBuilder
{
    public static PostureReport Build(PostureOptions options, IEnumerable<AccountSurvey> surveys)
    {
        var ordered = surveys.OrderBy(s => s.Account.AccountId, StringComparer.Ordinal).ToArray();
        var accounts = ordered.Select(Account).ToArray();
        var organization = new PostureTally();
        foreach (var figures in accounts.Select(a => a.Figures).OfType<PostureFigures>())
        {
            organization.Add(figures);
        }

        var surveyed = ordered.Where(s => s.Status == PostureAccountStatus.Surveyed).ToArray();
        var notes = ordered.SelectMany(s => s.Notes.Select(n => $"account {s.Account.AccountId}: {n}")).ToList();
        if (surveyed.Sum(s => s.UnconfirmedUsers) is var snapshot and > 0)
        {
            notes.Insert(0, $"{snapshot} of {surveyed.Sum(s => s.Users.Count)} users were judged from IAM's credential report, "
                + "which may be up to 4 hours old (bulk discovery); --discovery per-key reads every user live");
        }

        return new PostureReport(
            options.AsOf,
            options.Policy,
            organization.ToFigures(),
            accounts,
            OrganizationalUnits(surveyed, accounts),
            [.. surveyed.SelectMany(s => s.Users.Where(u => u.Exempt).Select(u => new ExemptUser(s.Account.AccountId, u.UserName, Day(u.ExemptUntil))))],
            [.. surveyed.SelectMany(s => s.Users.SelectMany(u => Blocked(s.Account.AccountId, u)))],
            KeyAgeHistogram.Of(surveyed.SelectMany(s => s.Users).SelectMany(u => u.Keys).Where(k => k.Active).Select(k => k.AgeDays),
                options.Policy))
        {
            Notes = notes,
        };
    }

    /// <summary>The path of OU names as the report shows it; empty for an account directly under the root.</summary>
    public static string OuPath(Core.Facts.AccountFacts account) =>
        string.Join('/', account.OrganizationalUnits.Select(ou => ou.Name));

    private static AccountPosture Account(AccountSurvey survey)
    {
        PostureFigures? figures = null;
        if (survey.Status == PostureAccountStatus.Surveyed)
        {
            var tally = new PostureTally().AddOutsideScope(survey.UsersOutsideManagedScope);
            foreach (var user in survey.Users)
            {
                tally.Add(user);
            }

            figures = tally.ToFigures();
        }

        return new AccountPosture(survey.Account.AccountId, survey.Account.Name, OuPath(survey.Account), survey.Status,
            survey.Reason, survey.Error, figures) { Notes = survey.Notes };
    }

    private static OrganizationalUnitPosture[] OrganizationalUnits(AccountSurvey[] surveyed, AccountPosture[] accounts)
    {
        var figuresById = accounts.Where(a => a.Figures is not null).ToDictionary(a => a.AccountId, a => a.Figures!, StringComparer.Ordinal);
        var units = new Dictionary<string, (string Path, int Accounts, PostureTally Tally)>(StringComparer.Ordinal);
        foreach (var survey in surveyed)
        {
            var path = survey.Account.OrganizationalUnits;
            for (var depth = 0; depth < path.Count; depth++)
            {
                var ou = path[depth];
                if (!units.TryGetValue(ou.Id, out var unit))
                {
                    unit = (string.Join('/', path.Take(depth + 1).Select(o => o.Name)), 0, new PostureTally());
                }

                unit.Tally.Add(figuresById[survey.Account.AccountId]);
                units[ou.Id] = (unit.Path, unit.Accounts + 1, unit.Tally);
            }
        }

        return [.. units.Select(u => new OrganizationalUnitPosture(u.Key, u.Value.Path, u.Value.Accounts, u.Value.Tally.ToFigures()))
            .OrderBy(u => u.Path, StringComparer.Ordinal).ThenBy(u => u.Id, StringComparer.Ordinal)];
    }

    private static IEnumerable<BlockedUser> Blocked(string accountId, UserPosture user)
    {
        if (user.BlockedByKeyLimit)
        {
            yield return new BlockedUser(accountId, user.UserName, "KeyLimit");
        }

        if (user.BlockedBySecretNameTaken)
        {
            yield return new BlockedUser(accountId, user.UserName, "SecretNameTaken");
        }
    }

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
