using KeyRotation.Core.Facts;
using KeyRotation.Core.Tags;
using KeyRotation.Engine.Reporting;

namespace KeyRotation.Lambda.Events;

/// <summary>Between the engine's account facts and reports and the events' shapes.</summary>
internal static class AccountMapping
{
    public static TargetAccount ToTarget(AccountFacts account, TagConventions tags) => new(
        account.AccountId,
        account.Name,
        account.State,
        [.. account.OrganizationalUnits.Select(ou => new TargetOrganizationalUnit(ou.Id, ou.Name, Ours(ou.Tags, tags)))],
        Ours(account.Tags, tags));

    public static AccountFacts ToFacts(TargetAccount target) => new(
        target.AccountId,
        target.AccountName ?? "",
        target.State,
        [.. (target.OrganizationalUnits ?? []).Select(ou =>
            new OrganizationalUnitFacts(ou.Id, ou.Name ?? "", ou.Tags ?? new Dictionary<string, string>()))],
        target.Tags ?? new Dictionary<string, string>());

    public static AccountResult ToResult(AccountReport report) => new(
        report.AccountId, report.AccountName, report.Status, report.Reason, report.Error, CountActions(report.Actions), report.Actions);

    /// <summary>Actions planned or performed, by name; failed ones are not counted (they show in the account's error).</summary>
    public static IReadOnlyDictionary<string, int> CountActions(IEnumerable<ActionRecord> actions) =>
        actions
            .Where(a => a.Outcome != Core.Audit.AuditOutcome.Failed)
            .GroupBy(a => a.Action.ToString())
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    private static Dictionary<string, string> Ours(IReadOnlyDictionary<string, string> tags, TagConventions conventions) =>
        tags.Where(t => t.Key.StartsWith(conventions.Prefix, StringComparison.Ordinal))
            .ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
}
