using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Audit;

/// <summary>
/// Creates the audit table (keyrotation audit create-table) and waits until it and its indexes are ACTIVE.
/// Idempotent: an existing table with the expected schema is left as it is. IAM: dynamodb:CreateTable,
/// dynamodb:DescribeTable.
/// </summary>
public sealed class DynamoDbAuditTableAdmin : IDisposable
{
    private readonly IAmazonDynamoDB _client;
    private readonly string _table;
    private readonly TimeProvider _time;
    private readonly bool _ownsClient;
    private readonly string _context;

    internal DynamoDbAuditTableAdmin(IAmazonDynamoDB client, string tableName, TimeProvider time, bool ownsClient = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        _client = client;
        _table = tableName;
        _time = time;
        _ownsClient = ownsClient;
        _context = $"audit table '{tableName}' at {DynamoDbClientFactory.DescribeEndpoint(client)}";
    }

    public static DynamoDbAuditTableAdmin Create(AuditStoreSettings settings, TimeProvider time) =>
        new(DynamoDbClientFactory.Create(settings), settings.TableName, time, ownsClient: true);

    /// <summary>Time between DescribeTable polls while waiting. Default 2 seconds.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long to wait for ACTIVE before giving up. Default 10 minutes.</summary>
    public TimeSpan ActiveTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public async Task<AuditTableCreation> CreateAsync(CancellationToken cancellationToken)
    {
        var existing = await DescribeOrNullAsync(cancellationToken);
        var outcome = AuditTableCreation.AlreadyExists;
        if (existing is null)
        {
            try
            {
                await _client.CreateTableAsync(AuditTableDefinition.CreateRequest(_table), cancellationToken);
                outcome = AuditTableCreation.Created;
            }
            catch (ResourceInUseException)
            {
                // Created by someone else between our DescribeTable and CreateTable; verify it below like any other.
            }
            catch (Exception ex) when (DynamoDbErrors.IsTranslatable(ex, cancellationToken))
            {
                throw DynamoDbErrors.Translate(ex, "CreateTable", _context);
            }
        }
        var active = await WaitUntilActiveAsync(cancellationToken);
        var problems = AuditTableCheck.SchemaProblems(active, includeIndexes: true);
        if (problems.Count > 0)
            throw new ServiceException(DynamoDbErrors.Service, "DescribeTable", "TableSchemaMismatch", FailureKind.Final,
                detail: $"{_context} already exists but is not an audit table: {string.Join("; ", problems)}");
        return outcome;
    }

    private async Task<TableDescription> WaitUntilActiveAsync(CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + ActiveTimeout;
        while (true)
        {
            var table = await DescribeOrNullAsync(cancellationToken)
                ?? throw new ServiceException(DynamoDbErrors.Service, "DescribeTable", "ResourceNotFoundException",
                    FailureKind.NotFound, detail: $"{_context} disappeared while waiting for it to become ACTIVE");
            if (table.TableStatus == TableStatus.ACTIVE
                && (table.GlobalSecondaryIndexes ?? []).All(g => g.IndexStatus == IndexStatus.ACTIVE))
                return table;
            if (_time.GetUtcNow() >= deadline)
                throw new ServiceException(DynamoDbErrors.Service, "DescribeTable", "TableNotActive", FailureKind.Transient,
                    detail: $"{_context} is still {table.TableStatus?.Value} after {ActiveTimeout.TotalSeconds:0} s");
            await Task.Delay(PollInterval, _time, cancellationToken);
        }
    }

    private async Task<TableDescription?> DescribeOrNullAsync(CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.DescribeTableAsync(new DescribeTableRequest { TableName = _table }, cancellationToken);
            return response.Table;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (DynamoDbErrors.IsTranslatable(ex, cancellationToken))
        {
            throw DynamoDbErrors.Translate(ex, "DescribeTable", _context);
        }
    }

    public void Dispose()
    {
        if (_ownsClient) _client.Dispose();
    }
}
