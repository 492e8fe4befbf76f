using KeyRotation.Core.Facts;

namespace KeyRotation.Simulation.Discovery;

/// <summary>
/// ListUsers, then per user ListUserTags, ListAccessKeys and GetAccessKeyLastUsed per key, one call after another
/// as the AWS adapter does (in parallel they would trip the account's IAM rate limit during discovery). Exact and
/// live; a user deleted part-way is left out.
/// </summary>
internal static class PerKeyDiscovery
{
    public static async Task<IReadOnlyList<UserFacts>> DiscoverAsync(SimulatedIamCalls iam, CancellationToken cancellationToken)
    {
        var users = new List<UserFacts>();
        foreach (var (name, path) in await iam.ListUserNamesAsync(cancellationToken))
        {
            if (await iam.ListUserTagsAsync(name, cancellationToken) is { } tags
                && await iam.ReadKeysAsync(name, cancellationToken) is { } keys)
            {
                users.Add(new UserFacts(name, tags, keys, path));
            }
        }

        return users;
    }

    /// <summary>The live re-read before a change: GetUser (tags), ListAccessKeys, GetAccessKeyLastUsed per key.</summary>
    public static async Task<UserFacts?> ReadUserAsync(SimulatedIamCalls iam, string userName, CancellationToken cancellationToken) =>
        await iam.GetUserTagsAsync(userName, cancellationToken) is { } tags
        && await iam.ReadKeysAsync(userName, cancellationToken) is { } keys
            ? new UserFacts(userName, tags, keys)
            : null;
}
