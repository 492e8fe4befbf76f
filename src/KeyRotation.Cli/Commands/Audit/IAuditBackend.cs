using KeyRotation.Aws.Audit;
using KeyRotation.Aws.Digests;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Cli.Commands.Audit;

/// <summary>What the audit commands need from the store; DynamoDB in production, a fake in tests.</summary>
internal interface IAuditBackend
{
    /// <summary>The caller disposes the log when it is <see cref="IDisposable"/>.</summary>
    IAuditLog OpenLog(AuditStoreSettings settings);

    Task<AuditTableCreation> CreateTableAsync(AuditStoreSettings settings, CancellationToken cancellationToken);

    /// <summary>The digest bucket of <c>audit verify</c>; the caller disposes it when it is <see cref="IDisposable"/>.</summary>
    /// <exception cref="ArgumentException">No client can be made (unknown profile, malformed endpoint variable).</exception>
    IAuditDigestStore OpenDigests(AuditDigestStoreSettings settings, Func<string, string?> environment) =>
        S3AuditDigestStore.Open(settings, environment);
}

/// <summary>The DynamoDB audit table.</summary>
internal sealed class DynamoDbAuditBackend(TimeProvider time) : IAuditBackend
{
    public IAuditLog OpenLog(AuditStoreSettings settings) => DynamoDbAuditLog.Create(settings, time);

    public async Task<AuditTableCreation> CreateTableAsync(AuditStoreSettings settings, CancellationToken cancellationToken)
    {
        using var admin = DynamoDbAuditTableAdmin.Create(settings, time);
        return await admin.CreateAsync(cancellationToken);
    }
}
