using KeyRotation.Core.Audit;
using KeyRotation.Core.Targeting;
using KeyRotation.Engine.Execution;
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
        var summary = Summary(ordered, retries);
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

    public static bool IsRoleRefused(AccountReport account) =>
        account.Status == AccountStatus.Skipped
        && account.Reason is nameof(AccountSkipReason.ManagementAccount) or nameof(AccountSkipReason.RoleNotDeployed);

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
            retries)
        {
            Interrupted = accounts.Count(a => a.Status == AccountStatus.Interrupted),
            FailedActions = accounts.Sum(a => a.Actions.Count(r => r.Outcome == AuditOutcome.Failed)),
            RoleRefused = accounts.Count(IsRoleRefused),
        };
    }
}
