using KeyRotation.Core.Audit;
using KeyRotation.Engine.Reporting;

namespace KeyRotation.Engine.Sweep;

/// <summary>
/// Folds account outcomes into the run summary; pure, so a sweep and a fanned-out run's summarize step (which has
/// only the outcomes) get the same answer.
/// </summary>
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
            Summary(ordered.Select(AccountOutcome.Of), retries), unwritten, notes.ToArray());
    }

    public static RunSummary Summary(IEnumerable<AccountOutcome> outcomes, long retries)
    {
        var accounts = outcomes.OrderBy(a => a.AccountId, StringComparer.Ordinal).ToArray();
        var actions = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, count) in accounts.SelectMany(a => a.ActionCounts))
        {
            actions[name] = actions.GetValueOrDefault(name) + count;
        }

        var failures = new List<AccountFailure>();
        foreach (var account in accounts)
        {
            if (account.Status == AccountStatus.Failed)
            {
                failures.Add(new AccountFailure(account.AccountId, account.Error ?? "failed"));
            }

            failures.AddRange(account.ActionFailures.Select(line => new AccountFailure(account.AccountId, line)));
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
