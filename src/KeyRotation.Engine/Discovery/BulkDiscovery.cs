using KeyRotation.Core.Facts;
using KeyRotation.Engine.Discovery.CredentialReports;
using KeyRotation.Engine.Paging;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Iam;

namespace KeyRotation.Engine.Discovery;

/// <summary>
/// Users and tags from GetAccountAuthorizationDetails, keys from the credential report: a handful of calls per
/// account however many users it has. The report names no key ids and may be hours old, so those users come back
/// unconfirmed with placeholder ids (<see cref="CredentialReportKey.PlaceholderKeyId"/>) and the engine reads any
/// user it would act on live. A user the report does not know (created since) is read live here. When the report
/// cannot be had, every user's keys are read per key instead and the account's report says so.
/// </summary>
internal sealed class BulkDiscovery(IIamOperations iam, PerKeyDiscovery perKey, UserArns arns, CredentialReportSource reports)
{
    public async Task<DiscoveredUsers> DiscoverAsync(CancellationToken cancellationToken)
    {
        // The report is asked for first and generates while the users are paged (many pages in a large account).
        var notes = new List<string>();
        var pending = await reports.TryStartAsync(notes, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<IamUserDetail> listed;
        try
        {
            listed = await Pages.AllAsync("iam", "GetAccountAuthorizationDetails", iam.GetAccountAuthorizationDetailsAsync,
                cancellationToken).ConfigureAwait(false);
        }
        catch (ServiceException e) when (e.Kind == FailureKind.AccessDenied)
        {
            // A member role deployed before bulk discovery lacks the account-wide reads; per key still works.
            var note = $"bulk discovery denied ({e.Operation} failed: {e.Code}); discovered users per key instead " +
                "(ListUsers, ListUserTags, ListAccessKeys, GetAccessKeyLastUsed); update the member role";
            return new DiscoveredUsers(await perKey.DiscoverAsync(cancellationToken).ConfigureAwait(false), notes: [note]);
        }

        foreach (var user in listed) arns.Remember(user.UserName, user.Arn);
        var report = pending is null ? null : await reports.TryFinishAsync(pending, notes, cancellationToken).ConfigureAwait(false);

        var users = new List<UserFacts>(listed.Count);
        var unconfirmed = new List<string>();
        foreach (var user in listed)
        {
            // Matched by ARN too: a user deleted and created again under another path is not the report's user.
            if (report?.Rows.GetValueOrDefault(user.UserName) is { } row && row.Arn == user.Arn)
            {
                users.Add(new UserFacts(user.UserName, user.Tags, [.. row.Keys.Select(Unconfirmed)], user.Path));
                unconfirmed.Add(user.UserName);
            }
            else if (await perKey.ReadKeysAsync(user.UserName, cancellationToken).ConfigureAwait(false) is { } keys)
            {
                // No report, or a user created since it was taken: read live. A user deleted meanwhile is left out.
                users.Add(new UserFacts(user.UserName, user.Tags, keys, user.Path));
            }
        }

        return new DiscoveredUsers(users, unconfirmed, notes);
    }

    private static AccessKeyFacts Unconfirmed(CredentialReportKey key) => new(
        CredentialReportKey.PlaceholderKeyId(key.Slot), key.Active ? AccessKeyStatus.Active : AccessKeyStatus.Inactive,
        key.LastRotated, key.LastUsed);
}
