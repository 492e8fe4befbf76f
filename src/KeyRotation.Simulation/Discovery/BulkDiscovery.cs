using System.Globalization;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Simulation.Discovery;

/// <summary>
/// Users and tags from GetAccountAuthorizationDetails, keys from the credential report: a handful of calls per
/// account however many users it has. The report names no key ids and may be hours old, so those users come back
/// unconfirmed with placeholder ids (<see cref="PlaceholderKeyId"/>) and the engine reads any user it would act on
/// live. A user the report does not know yet is read live here. When the report cannot be had, every user's keys
/// are read per key instead and the account's report says so.
/// </summary>
internal static class BulkDiscovery
{
    /// <summary>Stands for the key in report slot <paramref name="slot"/> (1 or 2); never a real key id.</summary>
    public static string PlaceholderKeyId(int slot) =>
        string.Create(CultureInfo.InvariantCulture, $"credential-report:access_key_{slot}");

    public static async Task<DiscoveredUsers> DiscoverAsync(SimulatedIamCalls iam, CancellationToken cancellationToken)
    {
        var listed = await iam.ListUsersWithTagsAsync(cancellationToken);
        var notes = new List<string>();
        var report = await TryReadReportAsync(iam, notes, cancellationToken);

        var users = new List<UserFacts>(listed.Count);
        var unconfirmed = new List<string>();
        foreach (var (name, tags) in listed)
        {
            if (report?.Rows.GetValueOrDefault(name) is { } row)
            {
                users.Add(new UserFacts(name, tags, row.Keys.Select(FromSlot).ToArray()));
                unconfirmed.Add(name);
            }
            else if (await iam.ReadKeysAsync(name, cancellationToken) is { } keys)
            {
                // No report, or a user created since it was taken: read live. A user deleted meanwhile is left out.
                users.Add(new UserFacts(name, tags, keys));
            }
        }

        return new DiscoveredUsers(users, unconfirmed, notes);
    }

    private static AccessKeyFacts FromSlot(CredentialReportKey key, int index) => new(
        PlaceholderKeyId(index + 1), key.Active ? AccessKeyStatus.Active : AccessKeyStatus.Inactive, key.LastRotated, key.LastUsed);

    /// <summary>
    /// The report, generating it if need be; null (with a note) when it cannot be had. Throttling is passed on so
    /// that the engine's retry paces the account instead of this falling back to many more calls.
    /// </summary>
    private static async Task<CredentialReport?> TryReadReportAsync(
        SimulatedIamCalls iam, List<string> notes, CancellationToken cancellationToken)
    {
        var options = iam.World.Iam;
        try
        {
            for (var poll = 0; await iam.GenerateCredentialReportAsync(cancellationToken) != SimulatedCredentialReports.Complete; poll++)
            {
                if (poll == options.MaxReportPolls)
                {
                    notes.Add($"credential report still in progress after {options.MaxReportPolls} polls; " +
                        "discovered keys per user instead (ListAccessKeys, GetAccessKeyLastUsed)");
                    return null;
                }

                await Task.Delay(options.ReportPollInterval, iam.World.Time, cancellationToken);
            }

            return await iam.GetCredentialReportAsync(cancellationToken);
        }
        catch (ServiceException e) when (e.Kind != FailureKind.Throttling)
        {
            notes.Add($"credential report unavailable ({e.Operation} failed: {e.Code}); " +
                "discovered keys per user instead (ListAccessKeys, GetAccessKeyLastUsed)");
            return null;
        }
    }
}
