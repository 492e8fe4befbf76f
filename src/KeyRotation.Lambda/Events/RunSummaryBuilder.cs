using KeyRotation.Engine.Reporting;

namespace KeyRotation.Lambda.Events;

/// <summary>The run summary of a fanned-out run, from its accounts' results.</summary>
internal static class RunSummaryBuilder
{
    public static RunSummary From(IReadOnlyList<AccountResult> results)
    {
        var actions = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            var counts = result.ActionCounts ?? AccountMapping.CountActions(result.Actions ?? []);
            foreach (var (name, count) in counts)
            {
                actions[name] = actions.GetValueOrDefault(name) + count;
            }
        }

        return new RunSummary(
            Accounts: results.Count,
            Processed: results.Count(r => r.Status == AccountStatus.Processed),
            Skipped: results.Count(r => r.Status == AccountStatus.Skipped),
            Failed: results.Count(r => r.Status == AccountStatus.Failed),
            Deferred: results.Count(r => r.Status == AccountStatus.Deferred),
            Actions: new Dictionary<string, int>(actions, StringComparer.Ordinal),
            Failures: [.. results.Where(r => r.Status == AccountStatus.Failed)
                .Select(r => new AccountFailure(r.AccountId, r.Error ?? "unknown error"))]);
    }
}
