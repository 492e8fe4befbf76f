namespace KeyRotation.Aws.Audit;

/// <summary>Where the audit table lives and how to reach it.</summary>
/// <param name="TableName">The audit table's name (required).</param>
/// <param name="Region">AWS region; null: the SDK's default chain (AWS_REGION, the profile's region).</param>
/// <param name="EndpointUrl">Endpoint override (--endpoint-url); null: AWS_ENDPOINT_URL_DYNAMODB, then AWS_ENDPOINT_URL, then AWS.</param>
/// <param name="Profile">Shared-config profile for credentials and region; null: the SDK's default credential chain.</param>
public sealed record AuditStoreSettings(
    string TableName, string? Region = null, string? EndpointUrl = null, string? Profile = null)
{
    /// <summary>
    /// SDK retries per request, for a log used outside the engine's pipeline (the <c>audit</c> commands). Default 2.
    /// A run's log sits behind the pipeline and is opened with none (<see cref="DynamoDbAuditLog.CreateForRun"/>).
    /// </summary>
    public int MaxErrorRetry { get; init; } = 2;

    /// <summary>Per-attempt HTTP timeout. Default 10 seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
}
