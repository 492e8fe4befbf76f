using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2.Model;
using KeyRotation.Core.Audit;
using KeyRotation.Core.Planning;
using S = KeyRotation.Aws.Audit.AuditTableSchema;

namespace KeyRotation.Aws.Audit;

public sealed partial class DynamoDbAuditLog
{
    public async IAsyncEnumerable<AuditEvent> QueryAsync(
        AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var plan = AuditQueryPlanner.Plan(query, _time.GetUtcNow(), _options.MaxDayPartitions);
        if (query.Limit == 0 || query.Since >= query.Until) yield break;
        var source = plan.IsScan ? ScanSortedAsync(plan, cancellationToken) : QueryPartitionsAsync(plan, cancellationToken);
        var count = 0;
        await foreach (var item in source.WithCancellation(cancellationToken))
        {
            yield return AuditItemMapper.FromItem(item);
            if (++count == query.Limit) yield break;
        }
    }

    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> LastDeactivationsAsync(
        string accountId, IReadOnlyCollection<string> accessKeyIds, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        var found = new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, _options.MaxParallelLookups), CancellationToken = cancellationToken,
        };
        await Parallel.ForEachAsync(accessKeyIds.Where(k => !string.IsNullOrWhiteSpace(k)).Distinct(StringComparer.Ordinal),
            parallel, async (keyId, token) =>
            {
                if (await LastDeactivationAsync(accountId, keyId, token) is { } at) found[keyId] = at;
            });
        return new Dictionary<string, DateTimeOffset>(found, StringComparer.Ordinal);
    }

    /// <summary>
    /// The account's partition of the base table from <paramref name="since"/> on, filtered to the mutations'
    /// events (intents, outcomes, secret storage) of users: one Query however many users the account has.
    /// </summary>
    public async Task<UnresolvedWork> UnresolvedAsync(string accountId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        var x = new AuditExpressions();
        var actions = string.Join(", ", UnresolvedWork.Actions.Select(x.Value));
        var request = new QueryRequest
        {
            TableName = _table,
            KeyConditionExpression = AuditExpressions.And(
                $"{x.Name(S.Pk)} = {x.Value(S.PartitionFor(accountId))}", x.SortRange(AuditTime.Format(since), null)),
            FilterExpression = $"attribute_exists({x.Name(S.UserName)}) AND " +
                $"({x.Name(S.Action)} IN ({actions}) OR attribute_exists({x.Name(S.IntentId)}))",
            ExpressionAttributeNames = x.Names,
            ExpressionAttributeValues = x.Values,
            ScanIndexForward = true,
            Limit = _options.PageSize,
        };
        var history = new List<AuditEvent>();
        await foreach (var item in PagesAsync(request, cancellationToken))
            history.Add(AuditItemMapper.FromItem(item));
        return UnresolvedWork.From(history);
    }

    /// <summary>Newest first through the access-key index; the first successful deactivation is the answer.</summary>
    private async Task<DateTimeOffset?> LastDeactivationAsync(string accountId, string accessKeyId, CancellationToken cancellationToken)
    {
        var x = new AuditExpressions();
        var request = new QueryRequest
        {
            TableName = _table,
            IndexName = S.ByAccessKeyIndex,
            KeyConditionExpression = $"{x.Name(S.AccessKeyId)} = {x.Value(accessKeyId)}",
            FilterExpression = x.Equalities([
                new(S.AccountId, accountId),
                new(S.Action, nameof(ActionKind.DeactivateKey)),
                new(S.Outcome, AuditOutcome.Succeeded)]),
            ExpressionAttributeNames = x.Names,
            ExpressionAttributeValues = x.Values,
            ScanIndexForward = false,
            Limit = _options.PageSize,
        };
        await foreach (var item in PagesAsync(request, cancellationToken))
            return AuditItemMapper.FromItem(item).OccurredAt;
        return null;
    }

    private async IAsyncEnumerable<Dictionary<string, AttributeValue>> QueryPartitionsAsync(
        AuditQueryPlan plan, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var partition in plan.PartitionValues)
        {
            var x = new AuditExpressions();
            var request = new QueryRequest
            {
                TableName = _table,
                IndexName = plan.IndexName,
                KeyConditionExpression = AuditExpressions.And(
                    $"{x.Name(plan.PartitionAttribute!)} = {x.Value(partition)}", x.SortRange(plan.SortFrom, plan.SortTo)),
                FilterExpression = AuditExpressions.And(x.Equalities(plan.Filters), x.IntentsExcluded(plan.ExcludeIntents)),
                ExpressionAttributeNames = x.Names,
                ExpressionAttributeValues = x.Values,
                ScanIndexForward = true,
                Limit = _options.PageSize,
            };
            await foreach (var item in PagesAsync(request, cancellationToken))
                yield return item;
        }
    }

    private async IAsyncEnumerable<Dictionary<string, AttributeValue>> PagesAsync(
        QueryRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        do
        {
            var page = await Call("Query", () => _client.QueryAsync(request, cancellationToken), cancellationToken);
            foreach (var item in page.Items ?? []) yield return item;
            request.ExclusiveStartKey = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (request.ExclusiveStartKey is not null);
    }

    /// <summary>
    /// A Scan returns items in hash order, so every match is collected and sorted before the first is returned;
    /// <see cref="DynamoDbAuditLogOptions.MaxScanItems"/> bounds what that can cost.
    /// </summary>
    private async IAsyncEnumerable<Dictionary<string, AttributeValue>> ScanSortedAsync(
        AuditQueryPlan plan, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var x = new AuditExpressions();
        var filter = AuditExpressions.And(
            x.SortRange(plan.SortFrom, plan.SortTo), x.Equalities(plan.Filters), x.IntentsExcluded(plan.ExcludeIntents));
        var request = new ScanRequest
        {
            TableName = _table,
            FilterExpression = filter,
            ExpressionAttributeNames = x.Names.Count > 0 ? x.Names : null,
            ExpressionAttributeValues = x.Values.Count > 0 ? x.Values : null,
            Limit = _options.PageSize,
        };
        var matches = new List<Dictionary<string, AttributeValue>>();
        long scanned = 0;
        do
        {
            var page = await Call("Scan", () => _client.ScanAsync(request, cancellationToken), cancellationToken);
            scanned += page.ScannedCount ?? page.Items?.Count ?? 0;
            if (scanned > _options.MaxScanItems)
                throw new AuditQueryTooBroadException(
                    $"This query needs a full scan of audit table '{_table}', which holds more than {_options.MaxScanItems} items. " +
                    "Narrow it with an account, run, access key id or a since date.");
            matches.AddRange(page.Items ?? []);
            request.ExclusiveStartKey = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (request.ExclusiveStartKey is not null);
        matches.Sort((a, b) => string.CompareOrdinal(a[S.Sk].S, b[S.Sk].S));
        foreach (var item in matches) yield return item;
    }
}
