using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using KeyRotation.Core.Audit;
using KeyRotation.Engine.Ports;
using S = KeyRotation.Aws.Audit.AuditTableSchema;

namespace KeyRotation.Aws.Audit;

/// <summary>
/// The audit trail in DynamoDB. Each event is one conditional PutItem (<c>attribute_not_exists(pk)</c>), so an
/// event written twice stays one item and is never overwritten. IAM: dynamodb:DescribeTable, dynamodb:PutItem,
/// dynamodb:Query on the table and its indexes, dynamodb:Scan for unnarrowed auditor queries.
/// </summary>
public sealed partial class DynamoDbAuditLog : IAuditLog, IDisposable
{
    private readonly IAmazonDynamoDB _client;
    private readonly string _table;
    private readonly TimeProvider _time;
    private readonly DynamoDbAuditLogOptions _options;
    private readonly bool _ownsClient;
    private readonly string _context;

    internal DynamoDbAuditLog(
        IAmazonDynamoDB client, string tableName, TimeProvider time, DynamoDbAuditLogOptions? options = null,
        bool ownsClient = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        _client = client;
        _table = tableName;
        _time = time;
        _options = options ?? new DynamoDbAuditLogOptions();
        _ownsClient = ownsClient;
        _context = $"audit table '{tableName}' at {DynamoDbClientFactory.DescribeEndpoint(client)}";
    }

    /// <summary>A log that owns its client, built from the settings (endpoint override, region, profile).</summary>
    public static DynamoDbAuditLog Create(
        AuditStoreSettings settings, TimeProvider time, DynamoDbAuditLogOptions? options = null) =>
        new(DynamoDbClientFactory.Create(settings), settings.TableName, time, options, ownsClient: true);

    /// <summary>
    /// A log for a run, to be composed behind the engine's audit pipeline (the one retry layer): its client sends each
    /// request once, whatever <see cref="AuditStoreSettings.MaxErrorRetry"/> says.
    /// </summary>
    public static DynamoDbAuditLog CreateForRun(AuditStoreSettings settings, TimeProvider time, DynamoDbAuditLogOptions? options = null) =>
        Create(settings with { MaxErrorRetry = 0 }, time, options);

    public string TableName => _table;

    /// <summary>
    /// DescribeTable (exists, ACTIVE or UPDATING, pk/sk keys), then a PutItem whose condition can never hold: it
    /// proves the caller may write without writing anything.
    /// </summary>
    public async Task EnsureWritableAsync(CancellationToken cancellationToken)
    {
        var table = await Call("DescribeTable",
            () => _client.DescribeTableAsync(new DescribeTableRequest { TableName = _table }, cancellationToken),
            cancellationToken);
        AuditTableCheck.ThrowIfUnusable(table.Table, _context);
        try
        {
            await _client.PutItemAsync(new PutItemRequest
            {
                TableName = _table,
                Item = new() { [S.Pk] = new AttributeValue { S = "PROBE#writable" }, [S.Sk] = new AttributeValue { S = "PROBE" } },
                ConditionExpression = "attribute_exists(#pk)",
                ExpressionAttributeNames = new() { ["#pk"] = S.Pk },
            }, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            // Expected: the probe item never exists, so the write was authorized and refused by the condition.
        }
        catch (Exception ex) when (DynamoDbErrors.IsTranslatable(ex, cancellationToken))
        {
            throw DynamoDbErrors.Translate(ex, "PutItem", $"{_context} is not writable");
        }
    }

    public async Task AppendAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken)
    {
        // Map (and so validate) every event before the first write: a bad event must not leave half a batch.
        var items = events.Select(e => (e.EventId, Item: AuditItemMapper.ToItem(e))).ToList();
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, _options.MaxParallelWrites), CancellationToken = cancellationToken,
        };
        await Parallel.ForEachAsync(items, parallel, (entry, token) => new ValueTask(PutAsync(entry.EventId, entry.Item, token)));
    }

    private async Task PutAsync(string eventId, Dictionary<string, AttributeValue> item, CancellationToken cancellationToken)
    {
        try
        {
            await _client.PutItemAsync(new PutItemRequest
            {
                TableName = _table,
                Item = item,
                ConditionExpression = "attribute_not_exists(#pk)",
                ExpressionAttributeNames = new() { ["#pk"] = S.Pk },
            }, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            // Already written by an earlier attempt: the id is deterministic, so this is the same event.
        }
        catch (Exception ex) when (DynamoDbErrors.IsTranslatable(ex, cancellationToken))
        {
            throw DynamoDbErrors.Translate(ex, "PutItem", $"{_context}, event {eventId}");
        }
    }

    private static async Task<T> Call<T>(string operation, Func<Task<T>> call, string context, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (DynamoDbErrors.IsTranslatable(ex, cancellationToken))
        {
            throw DynamoDbErrors.Translate(ex, operation, context);
        }
    }

    private Task<T> Call<T>(string operation, Func<Task<T>> call, CancellationToken cancellationToken) =>
        Call(operation, call, _context, cancellationToken);

    public void Dispose()
    {
        if (_ownsClient) _client.Dispose();
    }
}
