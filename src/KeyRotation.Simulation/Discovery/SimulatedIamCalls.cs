using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;
using KeyRotation.Simulation.Model;
using KeyRotation.Simulation.Ports;
using static KeyRotation.Simulation.Ports.SimulatedOperations;

namespace KeyRotation.Simulation.Discovery;

/// <summary>
/// The read-only IAM calls of one account, one gate pass each, answered from the organization as it is when the
/// call is made (so facts gathered over several calls can be as inconsistent as in AWS). Users and keys that are
/// gone answer NoSuchEntity, which these methods turn into null.
/// </summary>
internal sealed class SimulatedIamCalls(SimulatedAccount account, SimulatedWorld world)
{
    public SimulatedAccount Account => account;

    public SimulatedWorld World => world;

    /// <summary>ListUsers, every page: each user's name and path.</summary>
    public async Task<IReadOnlyList<(string Name, string Path)>> ListUserNamesAsync(CancellationToken cancellationToken)
    {
        var names = new List<(string, string)>();
        for (var page = 0; ; page++)
        {
            await PassAsync(ListUsers, cancellationToken);
            lock (world.Sync)
            {
                names.AddRange(account.Users.Skip(page * world.Iam.PageSize).Take(world.Iam.PageSize).Select(u => (u.Name, u.Path)));
                if ((page + 1) * world.Iam.PageSize >= account.Users.Count)
                {
                    return names;
                }
            }
        }
    }

    /// <summary>GetAccountAuthorizationDetails (Filter=User), every page: each user with its tags and path.</summary>
    public async Task<IReadOnlyList<(string Name, IReadOnlyDictionary<string, string> Tags, string Path)>> ListUsersWithTagsAsync(
        CancellationToken cancellationToken)
    {
        var users = new List<(string, IReadOnlyDictionary<string, string>, string)>();
        for (var page = 0; ; page++)
        {
            await PassAsync(GetAccountAuthorizationDetails, cancellationToken);
            lock (world.Sync)
            {
                users.AddRange(account.Users.Skip(page * world.Iam.PageSize).Take(world.Iam.PageSize)
                    .Select(u => (u.Name, (IReadOnlyDictionary<string, string>)Copy(u.Tags), u.Path)));
                if ((page + 1) * world.Iam.PageSize >= account.Users.Count)
                {
                    return users;
                }
            }
        }
    }

    /// <summary>GetUser: the user's tags, or null when the user is gone.</summary>
    public Task<IReadOnlyDictionary<string, string>?> GetUserTagsAsync(string userName, CancellationToken cancellationToken) =>
        TagsAsync(GetUser, userName, cancellationToken);

    /// <summary>ListUserTags, or null when the user is gone.</summary>
    public Task<IReadOnlyDictionary<string, string>?> ListUserTagsAsync(string userName, CancellationToken cancellationToken) =>
        TagsAsync(ListUserTags, userName, cancellationToken);

    /// <summary>ListAccessKeys, then GetAccessKeyLastUsed per key; null when the user is gone. A key deleted in between is left out.</summary>
    public async Task<IReadOnlyList<AccessKeyFacts>?> ReadKeysAsync(string userName, CancellationToken cancellationToken)
    {
        await PassAsync(ListAccessKeys, cancellationToken);
        AccessKeyFacts[] listed;
        lock (world.Sync)
        {
            if (FindUser(userName) is not { } user)
            {
                return null;
            }

            // The simulation's own fact DeactivatedByToolAt rides along; real IAM has no such field (see SimulatedIdentityStore).
            listed = user.AccessKeys.Select(k => new AccessKeyFacts(k.Id, k.Status, k.CreatedAt, null, k.DeactivatedByToolAt)).ToArray();
        }

        var keys = new List<AccessKeyFacts>(listed.Length);
        foreach (var key in listed)
        {
            await PassAsync(GetAccessKeyLastUsed, cancellationToken);
            lock (world.Sync)
            {
                if (FindUser(userName)?.AccessKeys.FirstOrDefault(k => k.Id == key.AccessKeyId) is { } live)
                {
                    keys.Add(key with { LastUsedAt = live.LastUsedAt });
                }
            }
        }

        return keys;
    }

    /// <summary>GenerateCredentialReport: STARTED, INPROGRESS or COMPLETE.</summary>
    public async Task<string> GenerateCredentialReportAsync(CancellationToken cancellationToken)
    {
        await PassAsync(GenerateCredentialReport, cancellationToken);
        return world.CredentialReports.Generate(account, world.Time.GetUtcNow());
    }

    /// <exception cref="ServiceException">ReportInProgress, ReportNotPresent or ReportExpired.</exception>
    public async Task<CredentialReport> GetCredentialReportAsync(CancellationToken cancellationToken)
    {
        await PassAsync(GetCredentialReport, cancellationToken);
        return world.CredentialReports.Get(account.Id, world.Time.GetUtcNow());
    }

    private async Task<IReadOnlyDictionary<string, string>?> TagsAsync(string operation, string userName, CancellationToken cancellationToken)
    {
        await PassAsync(operation, cancellationToken);
        lock (world.Sync)
        {
            return FindUser(userName) is { } user ? Copy(user.Tags) : null;
        }
    }

    private ValueTask PassAsync(string operation, CancellationToken cancellationToken) =>
        world.Gate.PassAsync(Iam, operation, account.Id, cancellationToken);

    private SimulatedUser? FindUser(string userName) => account.Users.FirstOrDefault(u => u.Name == userName);

    private static Dictionary<string, string> Copy(Dictionary<string, string> tags) => new(tags, StringComparer.Ordinal);
}
