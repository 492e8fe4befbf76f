using KeyRotation.Aws.Configuration;

namespace KeyRotation.Cli.Options;

/// <summary>What an AWS plan or run needs beyond the run settings.</summary>
/// <param name="AuditTable">The DynamoDB audit table; null keeps the audit trail in memory.</param>
internal sealed record AwsRunOptions(AwsSettings Settings, string? AuditTable);
