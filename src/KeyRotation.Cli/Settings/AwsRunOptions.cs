using KeyRotation.Aws.Configuration;
using KeyRotation.Engine.Resilience;

namespace KeyRotation.Cli.Settings;

/// <summary>What an AWS plan or run needs beyond the run settings.</summary>
/// <param name="AuditTable">The DynamoDB audit table; null keeps the audit trail in memory.</param>
/// <param name="Resilience">Retries, rate limits and breakers (--max-retries ...); null for the defaults.</param>
internal sealed record AwsRunOptions(AwsSettings Settings, string? AuditTable, ResilienceOptions? Resilience = null)
{
    /// <summary>--audit-digest-bucket; null: the run is not sealed.</summary>
    public string? AuditDigestBucket { get; init; }
}
