namespace KeyRotation.Aws.Digests;

/// <summary>
/// Where the digest bucket is when no AWS run context exists (a simulation with --audit-table, or
/// <c>keyrotation audit verify</c>): the audit table's region and profile, and the S3 endpoint of
/// <c>AWS_ENDPOINT_URL_S3</c>, then <c>AWS_ENDPOINT_URL</c> (--endpoint-url names the table's endpoint only).
/// </summary>
/// <param name="Bucket">A valid bucket name (<see cref="AuditDigestBucket.Problem"/>).</param>
public sealed record AuditDigestStoreSettings(string Bucket, string? Region = null, string? Profile = null)
{
    public const string ServiceEndpointVariable = "AWS_ENDPOINT_URL_S3";
    public const string GenericEndpointVariable = "AWS_ENDPOINT_URL";

    /// <summary>SDK retries per call. Default 2, as the audit table's.</summary>
    public int MaxErrorRetry { get; init; } = 2;

    /// <summary>Per-attempt HTTP timeout. Default 10 seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
}
