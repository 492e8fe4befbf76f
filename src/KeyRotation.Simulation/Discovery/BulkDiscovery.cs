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
        // The report is asked for first and generates while the users are paged: the account's slowest step then
        // overlaps the others instead of following them.
        var notes = new List<string>();
        var pending = await StartReportAsync(iam, notes, cancellationToken);
        var listed = await iam.ListUsersWithTagsAsync(cancellationToken);
        var report = pending is null ? null : await TryFinishReportAsync(iam, pending, notes, cancellationToken);

        var users = new List<UserFacts>(listed.Count);
        var unconfirmed = new List<string>();
        foreach (var (name, tags, path) in listed)
        {
            if (report?.Rows.GetValueOrDefault(name) is { } row)
            {
                users.Add(new UserFacts(name, tags, row.Keys.Select(FromSlot).ToArray(), path));
                unconfirmed.Add(name);
            }
            else if (await iam.ReadKeysAsync(name, cancellationToken) is { } keys)
            {
                // No report, or a user created since it was taken: read live. A user deleted meanwhile is left out.
                users.Add(new UserFacts(name, tags, keys, path));
            }
        }

        return new DiscoveredUsers(users, unconfirmed, notes);
    }

    private static AccessKeyFacts FromSlot(CredentialReportKey key, int index) => new(
        PlaceholderKeyId(index + 1), key.Active ? AccessKeyStatus.Active : AccessKeyStatus.Inactive, key.LastRotated, key.LastUsed);

    /// <summary>
    /// GenerateCredentialReport once; null (with a note) when the report cannot be had. Throttling is passed on so
    /// that the engine's retry paces the account instead of this falling back to many more calls.
    /// </summary>
    private static async Task<PendingReport?> StartReportAsync(
        SimulatedIamCalls iam, List<string> notes, CancellationToken cancellationToken)
    {
        try
        {
            var status = await iam.GenerateCredentialReportAsync(cancellationToken);
            return new PendingReport(status, iam.World.Time.GetTimestamp());
        }
        catch (ServiceException e) when (e.Kind != FailureKind.Throttling)
        {
            notes.Add(Unavailable(e));
            return null;
        }
    }

    /// <summary>
    /// Polls until the report is COMPLETE, then reads it; null (with a note) when it cannot be had. Polls are spaced
    /// <see cref="SimulatedIamOptions.ReportPollInterval"/> from the first request, so the time spent paging users
    /// counts towards the first wait.
    /// </summary>
    private static async Task<CredentialReport?> TryFinishReportAsync(
        SimulatedIamCalls iam, PendingReport pending, List<string> notes, CancellationToken cancellationToken)
    {
        var options = iam.World.Iam;
        var time = iam.World.Time;
        try
        {
            for (var poll = 0; pending.Status != SimulatedCredentialReports.Complete; poll++)
            {
                if (poll == options.MaxReportPolls)
                {
                    notes.Add($"credential report still in progress after {options.MaxReportPolls} polls; " +
                        "discovered keys per user instead (ListAccessKeys, GetAccessKeyLastUsed)");
                    return null;
                }

                var due = options.ReportPollInterval * (poll + 1) - time.GetElapsedTime(pending.StartedAt);
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, time, cancellationToken);
                }

                pending = pending with { Status = await iam.GenerateCredentialReportAsync(cancellationToken) };
            }

            return await iam.GetCredentialReportAsync(cancellationToken);
        }
        catch (ServiceException e) when (e.Kind != FailureKind.Throttling)
        {
            notes.Add(Unavailable(e));
            return null;
        }
    }

    private static string Unavailable(ServiceException e) =>
        $"credential report unavailable ({e.Operation} failed: {e.Code}); " +
        "discovered keys per user instead (ListAccessKeys, GetAccessKeyLastUsed)";

    /// <summary>The last status GenerateCredentialReport gave, and when its first call answered.</summary>
    private sealed record PendingReport(string Status, long StartedAt);
}
