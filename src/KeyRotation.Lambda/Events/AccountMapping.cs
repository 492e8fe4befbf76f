using KeyRotation.Core.Facts;
using KeyRotation.Core.Tags;
using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Sweep;

namespace KeyRotation.Lambda.Events;

/// <summary>Between the engine's account facts, reports and outcomes and the events' shapes.</summary>
internal static class AccountMapping
{
    public static TargetAccount ToTarget(AccountFacts account, TagConventions tags, string? skipped = null) => new(
        account.AccountId,
        account.Name,
        account.State,
        [.. account.OrganizationalUnits.Select(ou => new TargetOrganizationalUnit(ou.Id, ou.Name, Ours(ou.Tags, tags)))],
        // Not read by list-targets (rotate-account reads them): left out, so the item claims nothing about them.
        ReferenceEquals(account.Tags, OrganizationSweep.TagsNotListed) ? null : Ours(account.Tags, tags),
        skipped);

    /// <summary>What the invocation claims of the account; compared with Organizations' answer, never decided on.</summary>
    public static AccountFacts ToClaimedFacts(TargetAccount target) => new(
        target.AccountId,
        target.AccountName ?? "",
        target.State,
        [.. (target.OrganizationalUnits ?? []).Select(ou =>
            new OrganizationalUnitFacts(ou.Id, ou.Name ?? "", ou.Tags ?? new Dictionary<string, string>()))],
        target.Tags ?? OrganizationSweep.TagsNotListed);

    public static AccountResult ToResult(AccountReport report, long retries)
    {
        var outcome = AccountOutcome.Of(report);
        return new AccountResult(report.AccountId, report.AccountName, report.Status, report.Reason, report.Error,
            outcome.ActionCounts, report.Actions)
        {
            ActionFailures = outcome.ActionFailures,
            Retries = retries,
            Notes = report.Notes,
            UnwrittenAuditEvents = report.UnwrittenAuditEvents,
        };
    }

    public static AccountOutcome ToOutcome(AccountResult result) => new(
        result.AccountId,
        result.AccountName,
        result.Status,
        result.Reason,
        result.Error,
        result.ActionCounts ?? new Dictionary<string, int>(),
        result.ActionFailures ?? []);

    private static Dictionary<string, string> Ours(IReadOnlyDictionary<string, string> tags, TagConventions conventions) =>
        tags.Where(t => t.Key.StartsWith(conventions.Prefix, StringComparison.Ordinal))
            .ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
}
