using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;
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

    public async Task<IReadOnlyList<UserFacts>> DiscoverUsersAsync(CancellationToken cancellationToken)
    {
        await Pass(SimulatedOperations.ListUsers, cancellationToken);
        lock (world.Sync)
        {
            return account.Users.Select(ToFacts).ToArray();
        }
    }

    public async Task<UserFacts?> ReadUserAsync(string userName, CancellationToken cancellationToken)
    {
        await Pass(SimulatedOperations.GetUser, cancellationToken);
        lock (world.Sync)
        {
            return FindUser(userName) is { } user ? ToFacts(user) : null;
        }
    }

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

    private static UserFacts ToFacts(SimulatedUser user) => new(
        user.Name,
        new Dictionary<string, string>(user.Tags, StringComparer.Ordinal),
        user.AccessKeys.Select(k => new AccessKeyFacts(k.Id, k.Status, k.CreatedAt, k.LastUsedAt, k.DeactivatedByToolAt))
            .ToArray());
}
