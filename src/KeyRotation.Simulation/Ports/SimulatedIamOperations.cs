using System.Globalization;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Iam;
using KeyRotation.Simulation.Model;
using static KeyRotation.Engine.Ports.OperationNames;

namespace KeyRotation.Simulation.Ports;

/// <summary>
/// IAM of one simulated account, one gate pass per operation (cost, faults), answered from the organization as it is
/// when the call is made, so facts gathered over several calls can be as inconsistent as in AWS. IAM's rules: at most
/// two keys per user (LimitExceeded, 409), NoSuchEntity (404) for unknown users or keys, listings in pages of
/// <see cref="Discovery.SimulatedIamOptions.PageSize"/>, credential reports that take time to generate and are
/// reused while younger than four hours (<see cref="Discovery.SimulatedCredentialReports"/>).
/// </summary>
/// <remarks>
/// Setting a key Inactive records the instant in <see cref="SimulatedAccessKey.DeactivatedByToolAt"/>: in the
/// simulation only this tool calls UpdateAccessKey, so every deactivation is the tool's, and recording it here is
/// what lets --save-state write <c>deactivated</c> for the keys a run deactivated. Setting a key Active clears it.
/// ListAccessKeys reports it (<see cref="IamAccessKey.DeactivatedByToolAt"/>); real IAM has no such fact.
/// </remarks>
internal sealed class SimulatedIamOperations(SimulatedAccount account, SimulatedWorld world) : IIamOperations
{
    private const int KeysPerUserLimit = 2;

    /// <summary>The user's ARN as IAM forms it: <c>arn:aws:iam::&lt;account&gt;:user&lt;path&gt;&lt;name&gt;</c>.</summary>
    public static string ArnOf(string accountId, SimulatedUser user) => $"arn:aws:iam::{accountId}:user{user.Path}{user.Name}";

    public async Task<Page<IamUser>> ListUsersAsync(string? marker, CancellationToken cancellationToken)
    {
        await PassAsync(ListUsers, cancellationToken);
        lock (world.Sync)
        {
            return PageOf(marker, u => new IamUser(u.Name, u.Path, ArnOf(account.Id, u)));
        }
    }

    public async Task<IamUser> GetUserAsync(string userName, CancellationToken cancellationToken)
    {
        await PassAsync(GetUser, cancellationToken);
        lock (world.Sync)
        {
            var user = FindUser(userName) ?? throw NoSuchUser(GetUser, userName);
            return new IamUser(user.Name, user.Path, ArnOf(account.Id, user)) { Tags = Copy(user.Tags) };
        }
    }

    public async Task<Page<KeyValuePair<string, string>>> ListUserTagsAsync(string userName, string? marker, CancellationToken cancellationToken)
    {
        await PassAsync(ListUserTags, cancellationToken);
        lock (world.Sync)
        {
            var user = FindUser(userName) ?? throw NoSuchUser(ListUserTags, userName);
            return new Page<KeyValuePair<string, string>>([.. Copy(user.Tags)], null);
        }
    }

    public async Task<Page<IamAccessKey>> ListAccessKeysAsync(string userName, string? marker, CancellationToken cancellationToken)
    {
        await PassAsync(ListAccessKeys, cancellationToken);
        lock (world.Sync)
        {
            var user = FindUser(userName) ?? throw NoSuchUser(ListAccessKeys, userName);
            return new Page<IamAccessKey>(
                [.. user.AccessKeys.Select(k => new IamAccessKey(k.Id, k.Status, k.CreatedAt) { DeactivatedByToolAt = k.DeactivatedByToolAt })],
                null);
        }
    }

    /// <summary>The key's user and last use; NoSuchEntity for a key of no user here.</summary>
    public async Task<AccessKeyLastUse> GetAccessKeyLastUsedAsync(string accessKeyId, CancellationToken cancellationToken)
    {
        await PassAsync(GetAccessKeyLastUsed, cancellationToken);
        lock (world.Sync)
        {
            foreach (var user in account.Users)
            {
                if (user.AccessKeys.FirstOrDefault(k => k.Id == accessKeyId) is { } key)
                {
                    return new AccessKeyLastUse(user.Name, key.LastUsedAt);
                }
            }
        }

        throw new ServiceException(Iam, GetAccessKeyLastUsed, "NoSuchEntity", FailureKind.NotFound, 404,
            detail: $"access key {accessKeyId} does not exist in account {account.Id}");
    }

    public async Task<CredentialReportState> GenerateCredentialReportAsync(CancellationToken cancellationToken)
    {
        await PassAsync(GenerateCredentialReport, cancellationToken);
        return world.CredentialReports.Generate(account, world.Time.GetUtcNow());
    }

    /// <exception cref="ServiceException">ReportInProgress, ReportNotPresent or ReportExpired.</exception>
    public async Task<CredentialReportDocument> GetCredentialReportAsync(CancellationToken cancellationToken)
    {
        await PassAsync(GetCredentialReport, cancellationToken);
        var report = world.CredentialReports.Get(account.Id, world.Time.GetUtcNow());
        return new CredentialReportDocument(report.ToCsv(), report.GeneratedAt);
    }

    public async Task<Page<IamUserDetail>> GetAccountAuthorizationDetailsAsync(string? marker, CancellationToken cancellationToken)
    {
        await PassAsync(GetAccountAuthorizationDetails, cancellationToken);
        lock (world.Sync)
        {
            return PageOf(marker, u => new IamUserDetail(u.Name, u.Path, ArnOf(account.Id, u), Copy(u.Tags)));
        }
    }

    public async Task<NewAccessKey> CreateAccessKeyAsync(string userName, CancellationToken cancellationToken)
    {
        await PassAsync(CreateAccessKey, cancellationToken);
        NewAccessKey created;
        lock (world.Sync)
        {
            var user = FindUser(userName) ?? throw NoSuchUser(CreateAccessKey, userName);
            if (user.AccessKeys.Count >= KeysPerUserLimit)
            {
                throw new ServiceException(Iam, CreateAccessKey, "LimitExceeded", FailureKind.LimitExceeded, 409,
                    detail: $"cannot exceed quota for AccessKeysPerUser: {KeysPerUserLimit} (user {userName})");
            }

            var now = world.Time.GetUtcNow();
            created = world.IssueKey(account.Id, user, now);
            user.AccessKeys.Add(new SimulatedAccessKey { Id = created.AccessKeyId, CreatedAt = now });
        }

        world.RecordIssued(account.Id, userName, created);
        return created;
    }

    public async Task UpdateAccessKeyAsync(string userName, string accessKeyId, AccessKeyStatus status, CancellationToken cancellationToken)
    {
        await PassAsync(UpdateAccessKey, cancellationToken);
        lock (world.Sync)
        {
            var key = FindKey(UpdateAccessKey, userName, accessKeyId);
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
        await PassAsync(DeleteAccessKey, cancellationToken);
        lock (world.Sync)
        {
            var key = FindKey(DeleteAccessKey, userName, accessKeyId);
            FindUser(userName)!.AccessKeys.Remove(key);
        }
    }

    /// <summary>One page of the account's users; the marker is the page number. The caller holds the lock.</summary>
    private Page<T> PageOf<T>(string? marker, Func<SimulatedUser, T> read)
    {
        var page = marker is null ? 0 : int.Parse(marker, NumberStyles.None, CultureInfo.InvariantCulture);
        var size = world.Iam.PageSize;
        var items = account.Users.Skip(page * size).Take(size).Select(read).ToArray();
        var next = (page + 1) * size < account.Users.Count ? (page + 1).ToString(CultureInfo.InvariantCulture) : null;
        return new Page<T>(items, next);
    }

    private ValueTask PassAsync(string operation, CancellationToken cancellationToken) =>
        world.Gate.PassAsync(Iam, operation, account.Id, cancellationToken);

    private SimulatedUser? FindUser(string userName) => account.Users.FirstOrDefault(u => u.Name == userName);

    private SimulatedAccessKey FindKey(string operation, string userName, string accessKeyId)
    {
        var user = FindUser(userName) ?? throw NoSuchUser(operation, userName);
        return user.AccessKeys.FirstOrDefault(k => k.Id == accessKeyId)
            ?? throw new ServiceException(Iam, operation, "NoSuchEntity", FailureKind.NotFound, 404,
                detail: $"access key {accessKeyId} of user {userName} does not exist");
    }

    private static ServiceException NoSuchUser(string operation, string userName) =>
        new(Iam, operation, "NoSuchEntity", FailureKind.NotFound, 404, detail: $"user {userName} does not exist");

    private static Dictionary<string, string> Copy(Dictionary<string, string> tags) => new(tags, StringComparer.Ordinal);
}
