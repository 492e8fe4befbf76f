using KeyRotation.Core.Audit;
using KeyRotation.Engine.Reporting;

namespace KeyRotation.Engine.Sweep;

/// <summary>Folds account reports into the run report; pure, so the fan-out's summarize step gets the same answer.</summary>
internal static class RunSummarizer
{
    public static RunReport Summarize(
        RotationRunOptions options,
        IEnumerable<AccountReport> accounts,
        long retries,
        IEnumerable<AuditEvent> unwrittenAuditEvents,
        IEnumerable<string> notes)
    {
        var ordered = accounts.OrderBy(a => a.AccountId, StringComparer.Ordinal).ToArray();
        var unwritten = unwrittenAuditEvents.Concat(ordered.SelectMany(a => a.UnwrittenAuditEvents))
            .DistinctBy(e => e.EventId).ToArray();
        // Account notes stay with their account; the unwritten events move up so the report lists them once.
        var reports = ordered.Select(a => a with { UnwrittenAuditEvents = [] }).ToArray();
        return new RunReport(options.RunId, options.AsOf, options.DryRun, options.Policy, reports,
            Summary(ordered, retries), unwritten, notes.ToArray());
    }

    private static RunSummary Summary(AccountReport[] accounts, long retries)
    {
        var actions = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var action in accounts.SelectMany(a => a.Actions)
                     .Where(r => r.Outcome is AuditOutcome.Planned or AuditOutcome.Succeeded))
        {
            var name = action.Action.ToString();
            actions[name] = actions.GetValueOrDefault(name) + 1;
        }

        var failures = new List<AccountFailure>();
        foreach (var account in accounts)
        {
            if (account.Status == AccountStatus.Failed)
            {
                failures.Add(new AccountFailure(account.AccountId, account.Error ?? "failed"));
            }

            failures.AddRange(account.Actions.Where(r => r.Outcome == AuditOutcome.Failed).Select(r =>
                new AccountFailure(account.AccountId,
                    $"user {r.UserName}: {r.Action} {r.AccessKeyId ?? "(new key)"} ({r.Reason}) failed: {r.Error}")));
        }

        return new RunSummary(
            accounts.Length,
            accounts.Count(a => a.Status == AccountStatus.Processed),
            accounts.Count(a => a.Status == AccountStatus.Skipped),
            accounts.Count(a => a.Status == AccountStatus.Failed),
            accounts.Count(a => a.Status == AccountStatus.Deferred),
            actions,
            failures,
            retries);
    }
}
