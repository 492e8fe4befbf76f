using KeyRotation.Core.Audit;

namespace KeyRotation.Engine.Reporting;

/// <summary>
/// What the finish of a run needs of one account: its status, its action counts and the lines of its failed actions,
/// without the action list. A sweep makes these from its account reports; a fanned-out run carries them from each
/// rotate-account step to the summarize step, so both summaries come out of the same fold.
/// </summary>
/// <param name="ActionCounts">Planned or succeeded actions by action name; failed ones are in <paramref name="ActionFailures"/>.</param>
/// <param name="ActionFailures">One line per failed action, as the run summary lists it. Never a secret.</param>
public sealed record AccountOutcome(
    string AccountId,
    string? AccountName,
    AccountStatus Status,
    string? Reason,
    string? Error,
    IReadOnlyDictionary<string, int> ActionCounts,
    IReadOnlyList<string> ActionFailures)
{
    public static AccountOutcome Of(AccountReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var action in report.Actions.Where(r => r.Outcome is AuditOutcome.Planned or AuditOutcome.Succeeded))
        {
            var name = action.Action.ToString();
            counts[name] = counts.GetValueOrDefault(name) + 1;
        }

        var failures = report.Actions.Where(r => r.Outcome == AuditOutcome.Failed)
            .Select(r => $"user {r.UserName}: {r.Action} {r.AccessKeyId ?? "(new key)"} ({r.Reason}) failed: {r.Error}")
            .ToArray();
        return new AccountOutcome(report.AccountId, report.AccountName, report.Status, report.Reason, report.Error,
            new Dictionary<string, int>(counts, StringComparer.Ordinal), failures);
    }
}
