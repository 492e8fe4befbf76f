using KeyRotation.Aws.Permissions;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Iam;

/// <summary>IAM users and access keys of one member account, called as the assumed member role.</summary>
/// <param name="bulk">Bulk discovery (<see cref="Engine.Ports.DiscoveryMode.Bulk"/>); null discovers per key.</param>
[ActsAs(AwsPrincipal.Member)]
internal sealed class AwsIdentityStore(IamClient iam, IamUserDiscovery discovery, BulkUserDiscovery? bulk = null) : IIdentityStore
{
    /// <summary>Bulk: users unconfirmed, with placeholder key ids (see <see cref="DiscoveredUsers"/>); per key: exact.</summary>
    [RequiresPermission("iam:ListUsers", "iam:ListUserTags", "iam:ListAccessKeys", "iam:GetAccessKeyLastUsed")]
    [RequiresPermission("iam:GetAccountAuthorizationDetails", "iam:GenerateCredentialReport", "iam:GetCredentialReport")]
    public async Task<IReadOnlyList<UserFacts>> DiscoverUsersAsync(CancellationToken cancellationToken) =>
        bulk is null
            ? await discovery.DiscoverAsync(cancellationToken).ConfigureAwait(false)
            : await bulk.DiscoverAsync(cancellationToken).ConfigureAwait(false);

    [RequiresPermission("iam:ListUserTags", "iam:ListAccessKeys", "iam:GetAccessKeyLastUsed")]
    public Task<UserFacts?> ReadUserAsync(string userName, CancellationToken cancellationToken) =>
        discovery.ReadAsync(userName, cancellationToken);

    [RequiresPermission("iam:CreateAccessKey")]
    public Task<NewAccessKey> CreateAccessKeyAsync(string userName, CancellationToken cancellationToken) =>
        iam.CreateAccessKeyAsync(userName, cancellationToken);

    [RequiresPermission("iam:UpdateAccessKey")]
    public Task UpdateAccessKeyStatusAsync(string userName, string accessKeyId, AccessKeyStatus status, CancellationToken cancellationToken) =>
        iam.UpdateAccessKeyAsync(userName, accessKeyId, status, cancellationToken);

    [RequiresPermission("iam:DeleteAccessKey")]
    public Task DeleteAccessKeyAsync(string userName, string accessKeyId, CancellationToken cancellationToken) =>
        iam.DeleteAccessKeyAsync(userName, accessKeyId, cancellationToken);

    [RequiresPermission("iam:GetAccessKeyLastUsed")]
    public Task<string?> FindAccessKeyOwnerAsync(string accessKeyId, CancellationToken cancellationToken) =>
        iam.GetAccessKeyOwnerAsync(accessKeyId, cancellationToken);
}
