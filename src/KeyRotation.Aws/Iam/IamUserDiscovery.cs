using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Iam;

/// <summary>
/// Discovers users one API call at a time: ListUsers, then per user ListUserTags, ListAccessKeys and
/// GetAccessKeyLastUsed per key. Exact and live; also the live re-read of one user and
/// <see cref="BulkUserDiscovery"/>'s fallback.
/// </summary>
internal sealed class IamUserDiscovery(IamClient iam, IamUserArns arns)
{
    public async Task<IReadOnlyList<UserFacts>> DiscoverAsync(CancellationToken cancellationToken)
    {
        var users = await iam.ListUsersAsync(cancellationToken).ConfigureAwait(false);
        var facts = new List<UserFacts>(users.Count);
        foreach (var user in users)
        {
            arns.Remember(user);
            // A user deleted since ListUsers is simply gone.
            if (await ReadAsync(user.UserName, cancellationToken).ConfigureAwait(false) is { } found)
            {
                facts.Add(found with { Path = IamUserArns.PathOf(user.Arn) });
            }
        }

        return facts;
    }

    /// <summary>One user's tags, keys and key use; null when the user does not exist.</summary>
    public async Task<UserFacts?> ReadAsync(string userName, CancellationToken cancellationToken)
    {
        try
        {
            var keys = await iam.ListAccessKeysAsync(userName, cancellationToken).ConfigureAwait(false);
            var tags = await iam.ListUserTagsAsync(userName, cancellationToken).ConfigureAwait(false);
            return new UserFacts(userName, tags, await LastUseAsync(keys, cancellationToken).ConfigureAwait(false));
        }
        catch (ServiceException e) when (e.Kind == FailureKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>One user's keys and key use (ListAccessKeys, GetAccessKeyLastUsed per key); null when the user does not exist.</summary>
    public async Task<IReadOnlyList<AccessKeyFacts>?> ReadKeysAsync(string userName, CancellationToken cancellationToken)
    {
        try
        {
            var keys = await iam.ListAccessKeysAsync(userName, cancellationToken).ConfigureAwait(false);
            return await LastUseAsync(keys, cancellationToken).ConfigureAwait(false);
        }
        catch (ServiceException e) when (e.Kind == FailureKind.NotFound)
        {
            return null;
        }
    }

    private async Task<IReadOnlyList<AccessKeyFacts>> LastUseAsync(IReadOnlyList<IamAccessKey> keys, CancellationToken cancellationToken)
    {
        var facts = new List<AccessKeyFacts>(keys.Count);
        foreach (var key in keys)
        {
            var lastUsed = await iam.GetAccessKeyLastUsedAsync(key.AccessKeyId, cancellationToken).ConfigureAwait(false);
            facts.Add(new AccessKeyFacts(key.AccessKeyId, key.Status, key.CreatedAt, lastUsed));
        }

        return facts;
    }
}
