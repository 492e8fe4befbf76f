using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;
using KeyRotation.Simulation.Discovery;
using KeyRotation.Simulation.Model;

namespace KeyRotation.Simulation.Ports;

/// <summary>
/// IAM users and keys of one simulated account, with IAM's rules: at most two keys per user (LimitExceeded, 409)
/// and NoSuchEntity for unknown users or keys.
/// </summary>
/// <remarks>
/// Setting a key Inactive records the instant in <see cref="SimulatedAccessKey.DeactivatedByToolAt"/>: in the
/// simulation only this tool calls UpdateAccessKey, so every deactivation is the tool's, and recording it here is
/// what lets --save-state write <c>deactivated</c> for the keys a run deactivated. Setting a key Active clears it.
/// Real IAM has no such fact; the engine takes it from the audit log and keeps the later of the two.
/// </remarks>
internal sealed class SimulatedIdentityStore(SimulatedAccount account, SimulatedWorld world) : IIdentityStore
{
    private const int KeysPerUserLimit = 2;

    private readonly SimulatedIamCalls iam = new(account, world);

    /// <summary>Per <see cref="SimulatedIamOptions.Discovery"/>: see <see cref="BulkDiscovery"/> and <see cref="PerKeyDiscovery"/>.</summary>
    public async Task<IReadOnlyList<UserFacts>> DiscoverUsersAsync(CancellationToken cancellationToken) =>
        world.Iam.Discovery == DiscoveryMode.Bulk
            ? await BulkDiscovery.DiscoverAsync(iam, cancellationToken)
            : await PerKeyDiscovery.DiscoverAsync(iam, cancellationToken);

    /// <summary>GetUser, ListAccessKeys and GetAccessKeyLastUsed per key, as they answer now.</summary>
    public Task<UserFacts?> ReadUserAsync(string userName, CancellationToken cancellationToken) =>
        PerKeyDiscovery.ReadUserAsync(iam, userName, cancellationToken);

    public async Task<NewAccessKey> CreateAccessKeyAsync(string userName, CancellationToken cancellationToken)
    {
        await Pass(SimulatedOperations.CreateAccessKey, cancellationToken);
        NewAccessKey created;
        lock (world.Sync)
        {
            var user = FindUser(userName) ?? throw NoSuchUser(SimulatedOperations.CreateAccessKey, userName);
            if (user.AccessKeys.Count >= KeysPerUserLimit)
            {
                throw new ServiceException(SimulatedOperations.Iam, SimulatedOperations.CreateAccessKey, "LimitExceeded",
                    FailureKind.LimitExceeded, 409,
                    detail: $"cannot exceed quota for AccessKeysPerUser: {KeysPerUserLimit} (user {userName})");
            }

            var now = world.Time.GetUtcNow();
            created = world.IssueKey(account.Id, user, now);
            user.AccessKeys.Add(new SimulatedAccessKey { Id = created.AccessKeyId, CreatedAt = now });
        }

        world.RecordIssued(account.Id, userName, created);
        return created;
    }

    public async Task UpdateAccessKeyStatusAsync(
        string userName, string accessKeyId, AccessKeyStatus status, CancellationToken cancellationToken)
    {
        await Pass(SimulatedOperations.UpdateAccessKey, cancellationToken);
        lock (world.Sync)
        {
            var key = FindKey(SimulatedOperations.UpdateAccessKey, userName, accessKeyId);
            if (key.Status == status)
            {
                return;
            }

            key.Status = status;
            key.DeactivatedByToolAt = status == AccessKeyStatus.Inactive ? world.Time.GetUtcNow() : null;
        }
    }

    public async Task DeleteAccessKeyAsync(string userName, string accessKeyId, CancellationToken cancellationToken)
    {
        await Pass(SimulatedOperations.DeleteAccessKey, cancellationToken);
        lock (world.Sync)
        {
            var key = FindKey(SimulatedOperations.DeleteAccessKey, userName, accessKeyId);
            FindUser(userName)!.AccessKeys.Remove(key);
        }
    }

    /// <summary>GetAccessKeyLastUsed names the key's user; IAM answers NoSuchEntity for a key of no user here.</summary>
    public async Task<string?> FindAccessKeyOwnerAsync(string accessKeyId, CancellationToken cancellationToken)
    {
        await Pass(SimulatedOperations.GetAccessKeyLastUsed, cancellationToken);
        lock (world.Sync)
        {
            return account.Users.FirstOrDefault(u => u.AccessKeys.Any(k => k.Id == accessKeyId))?.Name
                ?? throw new ServiceException(SimulatedOperations.Iam, SimulatedOperations.GetAccessKeyLastUsed, "NoSuchEntity",
                    FailureKind.NotFound, 404, detail: $"access key {accessKeyId} does not exist in account {account.Id}");
        }
    }

    private ValueTask Pass(string operation, CancellationToken cancellationToken) =>
        world.Gate.PassAsync(SimulatedOperations.Iam, operation, account.Id, cancellationToken);

    private SimulatedUser? FindUser(string userName) => account.Users.FirstOrDefault(u => u.Name == userName);

    private SimulatedAccessKey FindKey(string operation, string userName, string accessKeyId)
    {
        var user = FindUser(userName) ?? throw NoSuchUser(operation, userName);
        return user.AccessKeys.FirstOrDefault(k => k.Id == accessKeyId)
            ?? throw new ServiceException(SimulatedOperations.Iam, operation, "NoSuchEntity", FailureKind.NotFound, 404,
                detail: $"access key {accessKeyId} of user {userName} does not exist");
    }

    private static ServiceException NoSuchUser(string operation, string userName) =>
        new(SimulatedOperations.Iam, operation, "NoSuchEntity", FailureKind.NotFound, 404,
            detail: $"user {userName} does not exist");
}
