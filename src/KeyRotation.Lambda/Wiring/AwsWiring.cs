using KeyRotation.Aws.Variables;
using KeyRotation.Aws;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Resilience;

namespace KeyRotation.Lambda.Wiring;

/// <summary>
/// What composing the engine takes besides the host settings. <see cref="Process"/> is the deployed function's:
/// the process environment (AWS_REGION and the execution role's credentials, which Lambda sets), the SDK's default
/// credential chain (always: SDK types stay in KeyRotation.Aws) and the DynamoDB audit table. Tests point the environment at a local stub and may swap the
/// audit log.
/// </summary>
internal sealed record AwsWiring(IEnvironmentVariables Environment)
{
    public static AwsWiring Process => new(ProcessEnvironmentVariables.Instance);

    /// <summary>
    /// The audit log of one invocation, given its adapters and the table name. Default null: the DynamoDB table
    /// (<see cref="AwsAdapters.CreateAuditLog"/>). A log that is <see cref="IDisposable"/> is disposed after the invocation.
    /// </summary>
    public Func<AwsAdapters, string, IAuditLog>? AuditLog { get; init; }

    /// <summary>
    /// The digest store of one invocation, given its adapters and the bucket name. Default null: the S3 bucket
    /// (<see cref="AwsAdapters.CreateAuditDigestStore"/>). Disposed after the invocation when <see cref="IDisposable"/>.
    /// </summary>
    public Func<AwsAdapters, string, IAuditDigestStore>? AuditDigests { get; init; }

    /// <summary>
    /// The deployment's Organizations turns for one invocation, given its adapters and the table name. Default null:
    /// the DynamoDB table (<see cref="AwsAdapters.CreateOrganizationsTurns"/>). Disposed after the invocation when
    /// <see cref="IDisposable"/>.
    /// </summary>
    public Func<AwsAdapters, string, IOrganizationsTurns>? OrganizationsTurns { get; init; }

    /// <summary>Default <see cref="ResilienceOptions.Default"/>.</summary>
    public ResilienceOptions Resilience { get; init; } = ResilienceOptions.Default;

    /// <summary>Retry jitter. Default a new unseeded <see cref="System.Random"/> per process.</summary>
    public Random Random { get; init; } = new();
}
