using KeyRotation.Core.Audit;
using S = KeyRotation.Aws.Audit.AuditTableSchema;

namespace KeyRotation.Aws.Audit;

/// <summary>
/// Picks the narrowest index for a query: access key id, then run, then account+user, then account (base table),
/// then one Query per UTC day of a since..until range, and a Scan only when nothing narrower was given.
/// </summary>
internal static class AuditQueryPlanner
{
    public static AuditQueryPlan Plan(AuditQuery query, DateTimeOffset now, int maxDayPartitions)
    {
        Validate(query);
        var from = query.Since is { } since ? AuditTime.Format(since) : null;
        var to = query.Until is { } until ? AuditTime.Format(until) : null;
        var filters = new List<KeyValuePair<string, string>>();
        void FilterUnless(bool covered, string attribute, string? value)
        {
            if (!covered && value is not null) filters.Add(new(attribute, value));
        }

        AuditQueryPlan Query(string? index, string attribute, IReadOnlyList<string> values) => new()
        {
            IsScan = false, IndexName = index, PartitionAttribute = attribute, PartitionValues = values,
            SortFrom = from, SortTo = to, Filters = filters, ExcludeIntents = !query.IncludeIntents,
        };

        var (key, run, account, user) = (query.AccessKeyId, query.RunId, query.AccountId, query.UserName);
        var byUser = key is null && run is null && account is not null && user is not null;
        var byAccount = key is null && run is null && account is not null && user is null;
        FilterUnless(byUser || byAccount, S.AccountId, account);
        FilterUnless(byUser, S.UserName, user);
        FilterUnless(key is null, S.RunId, run);
        if (query.Action is not null) filters.Add(new(S.Action, query.Action));

        if (key is not null) return Query(S.ByAccessKeyIndex, S.AccessKeyId, [key]);
        if (run is not null) return Query(S.ByRunIndex, S.RunId, [run]);
        if (byUser) return Query(S.ByUserIndex, S.UserKey, [S.UserKeyFor(account!, user!)]);
        if (byAccount) return Query(null, S.Pk, [S.PartitionFor(account!)]);
        if (query.Since is { } start && Days(start, query.Until, now, maxDayPartitions) is { } days)
            return Query(S.ByDayIndex, S.Day, days);
        return new AuditQueryPlan
        {
            IsScan = true, SortFrom = from, SortTo = to, Filters = filters, ExcludeIntents = !query.IncludeIntents,
        };
    }

    /// <summary>UTC days touched by [since, until) (until defaults to now), or null when more than the cap.</summary>
    internal static IReadOnlyList<string>? Days(DateTimeOffset since, DateTimeOffset? until, DateTimeOffset now, int max)
    {
        var first = DateOnly.FromDateTime(since.UtcDateTime);
        var lastInstant = until is { } u ? u.AddTicks(-1) : now;
        var last = DateOnly.FromDateTime(lastInstant.UtcDateTime);
        if (last < first) last = first;
        var count = last.DayNumber - first.DayNumber + 1;
        if (count > max) return null;
        return Enumerable.Range(0, count).Select(i => AuditTime.Day(first.AddDays(i))).ToArray();
    }

    private static void Validate(AuditQuery query)
    {
        Check(query.AccountId, "accountId");
        Check(query.UserName, "userName");
        Check(query.AccessKeyId, "accessKeyId");
        Check(query.RunId, "runId");
        Check(query.Action, "action");
        if (query.Limit is < 0)
            throw new ArgumentOutOfRangeException(nameof(query), $"Audit query limit {query.Limit} is negative.");
    }

    private static void Check(string? value, string field)
    {
        if (value is not null && string.IsNullOrWhiteSpace(value))
            throw new ArgumentException($"Audit query field '{field}' is empty; leave it out to match any value.", field);
    }
}
