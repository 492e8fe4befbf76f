using KeyRotation.Core.Facts;
using KeyRotation.Engine.Discovery.CredentialReports;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Iam;

namespace KeyRotation.Engine.Discovery;

/// <summary>
/// The engine's view of one member account's IAM users and keys, over its IAM operations (resilience-wrapped by the
/// account access): discovery per <see cref="DiscoverySettings.Mode"/>, the live re-read of one user, and the
/// key changes, one operation each.
/// </summary>
internal sealed class IdentityStore : IIdentityStore
{
    private readonly IIamOperations iam;
    private readonly PerKeyDiscovery perKey;
    private readonly BulkDiscovery? bulk;

    /// <param name="arns">Where user ARNs seen are kept for the account's secret hand-off.</param>
    public IdentityStore(IIamOperations iam, UserArns arns, DiscoverySettings settings, TimeProvider time)
    {
        this.iam = iam;
        perKey = new PerKeyDiscovery(iam, arns);
        bulk = settings.Mode == DiscoveryMode.Bulk
            ? new BulkDiscovery(iam, perKey, arns, new CredentialReportSource(iam, time, settings.ReportPollInterval, settings.MaxReportPolls))
            : null;
    }

    /// <summary>Bulk: users unconfirmed, with placeholder key ids (see <see cref="DiscoveredUsers"/>); per key: exact.</summary>
    public async Task<DiscoveredUsers> DiscoverUsersAsync(CancellationToken cancellationToken) =>
        bulk is null
            ? new DiscoveredUsers(await perKey.DiscoverAsync(cancellationToken).ConfigureAwait(false))
            : await bulk.DiscoverAsync(cancellationToken).ConfigureAwait(false);

    public Task<UserFacts?> ReadUserAsync(string userName, CancellationToken cancellationToken) =>
        perKey.ReadAsync(userName, cancellationToken);

    public Task<NewAccessKey> CreateAccessKeyAsync(string userName, CancellationToken cancellationToken) =>
        iam.CreateAccessKeyAsync(userName, cancellationToken);

    public Task UpdateAccessKeyStatusAsync(string userName, string accessKeyId, AccessKeyStatus status, CancellationToken cancellationToken) =>
        iam.UpdateAccessKeyAsync(userName, accessKeyId, status, cancellationToken);

    public Task DeleteAccessKeyAsync(string userName, string accessKeyId, CancellationToken cancellationToken) =>
        iam.DeleteAccessKeyAsync(userName, accessKeyId, cancellationToken);

    /// <summary>GetAccessKeyLastUsed names the key's user; NotFound (a key of no user here) passes on as today.</summary>
    public async Task<string?> FindAccessKeyOwnerAsync(string accessKeyId, CancellationToken cancellationToken) =>
        (await iam.GetAccessKeyLastUsedAsync(accessKeyId, cancellationToken).ConfigureAwait(false)).UserName is { Length: > 0 } user
            ? user
            : null;
}
