using System.Globalization;

namespace KeyRotation.Engine.Discovery.CredentialReports;

/// <summary>
/// An account's IAM credential report, read: per user name, the user's ARN and access keys by report slot. The
/// report names no key ids and may be up to four hours old.
/// </summary>
internal sealed record CredentialReport(DateTimeOffset? GeneratedAt, IReadOnlyDictionary<string, CredentialReportRow> Rows);

/// <param name="Keys">The keys the row shows, by slot (access_key_1, access_key_2); a slot without a key is left out.</param>
internal sealed record CredentialReportRow(string UserName, string Arn, IReadOnlyList<CredentialReportKey> Keys);

/// <summary>One key slot: access_key_N_active, _last_rotated (creation) and _last_used_date.</summary>
/// <param name="LastRotated">When the key was created; <see cref="UnknownCreation"/> when the report does not say.</param>
/// <param name="LastUsed">Null when never used or when the report has no information.</param>
internal sealed record CredentialReportKey(int Slot, bool Active, DateTimeOffset LastRotated, DateTimeOffset? LastUsed)
{
    /// <summary>
    /// Stands in for a creation date the report leaves out. Unconfirmed facts may only make a key look older, so an
    /// unknown age is as old as it gets; the engine reads the user live before acting on it.
    /// </summary>
    public static readonly DateTimeOffset UnknownCreation = DateTimeOffset.UnixEpoch;

    /// <summary>Stands for the key in report slot <paramref name="slot"/> (1 or 2); never a real key id.</summary>
    public static string PlaceholderKeyId(int slot) => Ports.DiscoveredUsers.PlaceholderKeyId(slot);
}
