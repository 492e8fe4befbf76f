using KeyRotation.Core.Facts;
using KeyRotation.Core.Tags;
using KeyRotation.Core.Targeting;

namespace KeyRotation.Engine.Sweep;

/// <summary>
/// What the start of a run tells the operator about the organization against the options, pure: targeting ids that
/// match nothing (a typo would otherwise run with everything skipped, or exclude nothing), and opt-out tag values
/// other than <c>true</c>, which are ignored (ROTATION-POLICY.md: "any other value is ignored and reported").
/// </summary>
internal static class StartWarnings
{
    public static IReadOnlyList<string> For(IReadOnlyList<AccountFacts> accounts, AccountTargeting targeting, TagConventions tags)
    {
        var warnings = new List<string>();
        var accountIds = accounts.Select(a => a.AccountId).ToHashSet(StringComparer.Ordinal);
        var unitIds = accounts.SelectMany(a => a.OrganizationalUnits).Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        warnings.AddRange(Missing(targeting.IncludeAccounts, accountIds, "targeted account", "is not an account of the organization"));
        warnings.AddRange(Missing(targeting.ExcludeAccounts, accountIds, "excluded account", "is not an account of the organization"));
        const string noUnit = "is not an OU with accounts in this organization";
        warnings.AddRange(Missing(targeting.IncludeOrganizationalUnits, unitIds, "targeted OU", noUnit));
        warnings.AddRange(Missing(targeting.ExcludeOrganizationalUnits, unitIds, "excluded OU", noUnit));

        var unitsSeen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var account in accounts.OrderBy(a => a.AccountId, StringComparer.Ordinal))
        {
            foreach (var unit in account.OrganizationalUnits.Where(u => unitsSeen.Add(u.Id)))
            {
                warnings.AddRange(IgnoredOptOut(unit.Tags, tags.OptOut, $"OU {unit.Id} ({unit.Name})"));
            }

            warnings.AddRange(IgnoredOptOut(account.Tags, tags.OptOut, $"account {account.AccountId} ({account.Name})"));
        }

        return warnings;
    }

    private static IEnumerable<string> Missing(IReadOnlySet<string> given, HashSet<string> known, string what, string problem) =>
        given.Where(id => !known.Contains(id)).Order(StringComparer.Ordinal).Select(id => $"{what} {id} {problem}");

    private static IEnumerable<string> IgnoredOptOut(IReadOnlyDictionary<string, string> tags, string key, string owner)
    {
        if (tags.TryGetValue(key, out var value) && !value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            yield return $"{owner}: tag {key} = '{value}' is ignored (only 'true' opts out), so it is rotated";
        }
    }
}
