using KeyRotation.Core.Facts;
using KeyRotation.Engine.Paging;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Iam;

namespace KeyRotation.Engine.Discovery;

/// <summary>
/// Discovers users one IAM call at a time: ListUsers (every page), then per user ListUserTags, ListAccessKeys and
/// GetAccessKeyLastUsed per key, one after another (in parallel they would trip the account's IAM rate limit).
/// Exact and live; also the live re-read of one user and <see cref="BulkDiscovery"/>'s fallback. A user or key
/// deleted part-way is left out.
/// </summary>
internal sealed class PerKeyDiscovery(IIamOperations iam, UserArns arns)
{
    private const string Service = "iam";

    public async Task<IReadOnlyList<UserFacts>> DiscoverAsync(CancellationToken cancellationToken)
    {
        var users = await Pages.AllAsync(Service, OperationNames.ListUsers, iam.ListUsersAsync, cancellationToken).ConfigureAwait(false);
        var facts = new List<UserFacts>(users.Count);
        foreach (var user in users)
        {
            arns.Remember(user.UserName, user.Arn);
            if (await ListTagsAsync(user.UserName, cancellationToken).ConfigureAwait(false) is { } tags
                && await ReadKeysAsync(user.UserName, cancellationToken).ConfigureAwait(false) is { } keys)
            {
                facts.Add(new UserFacts(user.UserName, tags, keys, user.Path));
            }
        }

        return facts;
    }

    /// <summary>The live re-read before a change: GetUser (with its tags), ListAccessKeys, GetAccessKeyLastUsed per key;
    /// null when the user does not exist.</summary>
    public async Task<UserFacts?> ReadAsync(string userName, CancellationToken cancellationToken)
    {
        IamUser user;
        try
        {
            user = await iam.GetUserAsync(userName, cancellationToken).ConfigureAwait(false);
        }
        catch (ServiceException e) when (e.Kind == FailureKind.NotFound)
        {
            return null;
        }

        arns.Remember(user.UserName, user.Arn);
        var tags = user.Tags ?? new Dictionary<string, string>(StringComparer.Ordinal);
        return await ReadKeysAsync(userName, cancellationToken).ConfigureAwait(false) is { } keys
            ? new UserFacts(userName, tags, keys)
            : null;
    }

    /// <summary>One user's keys and key use (ListAccessKeys, GetAccessKeyLastUsed per key); null when the user does
    /// not exist. A key deleted between the two is left out.</summary>
    public async Task<IReadOnlyList<AccessKeyFacts>?> ReadKeysAsync(string userName, CancellationToken cancellationToken)
    {
        IReadOnlyList<IamAccessKey> listed;
        try
        {
            listed = await Pages.AllAsync(Service, OperationNames.ListAccessKeys,
                (marker, ct) => iam.ListAccessKeysAsync(userName, marker, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (ServiceException e) when (e.Kind == FailureKind.NotFound)
        {
            return null;
        }

        var keys = new List<AccessKeyFacts>(listed.Count);
        foreach (var key in listed)
        {
            try
            {
                var use = await iam.GetAccessKeyLastUsedAsync(key.AccessKeyId, cancellationToken).ConfigureAwait(false);
                keys.Add(new AccessKeyFacts(key.AccessKeyId, key.Status, key.CreatedAt, use.LastUsedAt, key.DeactivatedByToolAt));
            }
            catch (ServiceException e) when (e.Kind == FailureKind.NotFound)
            {
            }
        }

        return keys;
    }

    private async Task<IReadOnlyDictionary<string, string>?> ListTagsAsync(string userName, CancellationToken cancellationToken)
    {
        try
        {
            var tags = await Pages.AllAsync(Service, OperationNames.ListUserTags,
                (marker, ct) => iam.ListUserTagsAsync(userName, marker, ct), cancellationToken).ConfigureAwait(false);
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in tags) map[key] = value;
            return map;
        }
        catch (ServiceException e) when (e.Kind == FailureKind.NotFound)
        {
            return null;
        }
    }
}
