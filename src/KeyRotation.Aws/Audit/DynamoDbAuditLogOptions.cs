namespace KeyRotation.Aws.Audit;

/// <summary>Tuning of <see cref="DynamoDbAuditLog"/>; the defaults suit a Lambda sweeping an organization.</summary>
public sealed record DynamoDbAuditLogOptions
{
    /// <summary>PutItem calls in flight per AppendAsync. Default 8.</summary>
    public int MaxParallelWrites { get; init; } = 8;

    /// <summary>Access-key lookups in flight per LastDeactivationsAsync. Default 8.</summary>
    public int MaxParallelLookups { get; init; } = 8;

    /// <summary>Items per Query/Scan request (DynamoDB <c>Limit</c>). Default null: the service's 1 MB pages.</summary>
    public int? PageSize { get; init; }

    /// <summary>
    /// Most UTC days a since..until query reads one by one through the day index before it falls back to a Scan.
    /// Default 400 (a year and then some).
    /// </summary>
    public int MaxDayPartitions { get; init; } = 400;

    /// <summary>
    /// Most items a Scan may read; beyond it the query fails and asks for narrower criteria. A Scan must hold all
    /// matches in memory to return them oldest first. Default 100,000.
    /// </summary>
    public int MaxScanItems { get; init; } = 100_000;
}
