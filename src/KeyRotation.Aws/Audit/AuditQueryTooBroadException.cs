namespace KeyRotation.Aws.Audit;

/// <summary>A query that would need a Scan of more items than <see cref="DynamoDbAuditLogOptions.MaxScanItems"/>.</summary>
public sealed class AuditQueryTooBroadException : Exception
{
    public AuditQueryTooBroadException(string message) : base(message) { }

    public AuditQueryTooBroadException() { }

    public AuditQueryTooBroadException(string message, Exception inner) : base(message, inner) { }
}
