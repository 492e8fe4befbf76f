namespace KeyRotation.Simulation.Discovery;

/// <summary>
/// An account's IAM credential report as of <see cref="GeneratedAt"/>: per user, the access keys by slot (the
/// report names no key ids) with whether each is active, when it was created and when last used.
/// </summary>
public sealed record CredentialReport(string AccountId, DateTimeOffset GeneratedAt, IReadOnlyDictionary<string, CredentialReportRow> Rows);

/// <param name="Keys">access_key_1, access_key_2: oldest first.</param>
public sealed record CredentialReportRow(string UserName, IReadOnlyList<CredentialReportKey> Keys);

/// <summary>One key slot: access_key_N_active, _last_rotated (creation) and _last_used_date.</summary>
public sealed record CredentialReportKey(bool Active, DateTimeOffset LastRotated, DateTimeOffset? LastUsed);
