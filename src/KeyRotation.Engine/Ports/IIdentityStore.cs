using KeyRotation.Core.Facts;

namespace KeyRotation.Engine.Ports;

/// <summary>IAM users and access keys of one account.</summary>
public interface IIdentityStore
{
    /// <summary>Every user (every page) with tags, keys and last use, which of them are unconfirmed, and notes.</summary>
    Task<DiscoveredUsers> DiscoverUsersAsync(CancellationToken cancellationToken);

    /// <summary>One user read live, right before mutating it; null when the user no longer exists.</summary>
    Task<UserFacts?> ReadUserAsync(string userName, CancellationToken cancellationToken);

    /// <exception cref="ServiceException">With <see cref="FailureKind.LimitExceeded"/> when the user already has two keys.</exception>
    Task<NewAccessKey> CreateAccessKeyAsync(string userName, CancellationToken cancellationToken);

    Task UpdateAccessKeyStatusAsync(string userName, string accessKeyId, AccessKeyStatus status, CancellationToken cancellationToken);

    Task DeleteAccessKeyAsync(string userName, string accessKeyId, CancellationToken cancellationToken);

    /// <summary>The user holding the key (GetAccessKeyLastUsed names it); null when no user of this account holds it.</summary>
    Task<string?> FindAccessKeyOwnerAsync(string accessKeyId, CancellationToken cancellationToken);
}
