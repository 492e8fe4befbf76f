using KeyRotation.Core.Audit;
using KeyRotation.Core.Targeting;
using KeyRotation.Engine.Execution;
using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Runs;

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
        var summary = Summary(ordered.Select(AccountOutcome.Of), retries);
        return new RunReport(options.RunId, options.AsOf, options.DryRun, options.Policy, reports,
            summary, unwritten, notes.ToArray())
        {
            Warnings = Warnings(ordered, summary),
            Interrupted = summary.Interrupted > 0,
        };
    }

    /// <summary>The run's own warnings: accounts whose member role was refused, and accounts not started for an outage.</summary>
    private static string[] Warnings(AccountReport[] accounts, RunSummary summary)
    {
        var warnings = new List<string>();
        var refused = accounts.Where(IsRoleRefused).ToArray();
        if (refused.Length > 0)
        {
            warnings.Add($"{refused.Length} account(s) skipped because the member role was refused (taken as not deployed): " +
                string.Join(", ", refused.Select(a => $"{a.AccountId} ({a.Reason})")));
        }

        if (refused.Length > 0 && summary.Processed == 0 && refused.Any(a => a.Reason == nameof(AccountSkipReason.RoleNotDeployed)))
        {
            warnings.Add("no account could be entered: when AssumeRole is refused everywhere, check the central role's " +
                "sts:AssumeRole permission and the external id before deploying member roles");
        }

        var notStarted = accounts.Count(a => a.Error?.StartsWith(CentralOutage.NotStarted, StringComparison.Ordinal) == true);
        if (notStarted > 0)
        {
            warnings.Add($"AWS stopped answering, so {notStarted} account(s) were not started; run again when the endpoints answer");
        }

        return [.. warnings];
    }

    public static bool IsRoleRefused(AccountReport account) => IsRoleRefused(account.Status, account.Reason);

    private static bool IsRoleRefused(AccountStatus status, string? reason) =>
        status == AccountStatus.Skipped
        && reason is nameof(AccountSkipReason.ManagementAccount) or nameof(AccountSkipReason.RoleNotDeployed);

    /// <summary>The summary of a sweep's reports and of a fan-out's outcomes alike.</summary>
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
            retries)
        {
            Interrupted = accounts.Count(a => a.Status == AccountStatus.Interrupted),
            FailedActions = accounts.Sum(a => a.ActionFailures.Count),
            RoleRefused = accounts.Count(a => IsRoleRefused(a.Status, a.Reason)),
        };
    }
}
