using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Iam;

/// <summary>
/// Discovers users one API call at a time: ListUsers, then per user ListUserTags, ListAccessKeys and
/// GetAccessKeyLastUsed per key. Kept apart from the store so a bulk source (the credential report) can replace it.
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
            if (await ReadAsync(user.UserName, cancellationToken).ConfigureAwait(false) is { } found) facts.Add(found);
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
            var keyFacts = new List<AccessKeyFacts>(keys.Count);
            foreach (var key in keys)
            {
                var lastUsed = await iam.GetAccessKeyLastUsedAsync(key.AccessKeyId, cancellationToken).ConfigureAwait(false);
                keyFacts.Add(new AccessKeyFacts(key.AccessKeyId, key.Status, key.CreatedAt, lastUsed));
            }

            return new UserFacts(userName, tags, keyFacts);
        }
        catch (ServiceException e) when (e.Kind == FailureKind.NotFound)
        {
            return null;
        }
    }
}
