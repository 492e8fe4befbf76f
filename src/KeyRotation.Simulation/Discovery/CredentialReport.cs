using System.Globalization;
using System.Text;

namespace KeyRotation.Simulation.Discovery;

/// <summary>
/// An account's IAM credential report as of <see cref="GeneratedAt"/>: per user, the user's ARN and access keys by
/// slot (the report names no key ids) with whether each is active, when it was created and when last used.
/// </summary>
public sealed record CredentialReport(string AccountId, DateTimeOffset GeneratedAt, IReadOnlyDictionary<string, CredentialReportRow> Rows)
{
    private const string Timestamp = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK";
    private const string NoValue = "N/A";

    /// <summary>The report as GetCredentialReport's CSV: IAM's column names for user, ARN and both key slots; times to the tick.</summary>
    public string ToCsv()
    {
        var csv = new StringBuilder("user,arn,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,"
            + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date\n");
        foreach (var row in Rows.Values.OrderBy(r => r.UserName, StringComparer.Ordinal))
        {
            csv.Append(Field(row.UserName)).Append(',').Append(Field(row.Arn));
            for (var slot = 0; slot < 2; slot++)
            {
                var key = slot < row.Keys.Count ? row.Keys[slot] : null;
                csv.Append(',').Append(key is { Active: true } ? "true" : "false")
                    .Append(',').Append(key is null ? NoValue : Time(key.LastRotated))
                    .Append(',').Append(key?.LastUsed is { } used ? Time(used) : NoValue);
            }

            csv.Append('\n');
        }

        return csv.ToString();
    }

    private static string Time(DateTimeOffset instant) => instant.ToUniversalTime().ToString(Timestamp, CultureInfo.InvariantCulture);

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}

/// <param name="Keys">access_key_1, access_key_2: oldest first.</param>
public sealed record CredentialReportRow(string UserName, string Arn, IReadOnlyList<CredentialReportKey> Keys);

/// <summary>One key slot: access_key_N_active, _last_rotated (creation) and _last_used_date.</summary>
public sealed record CredentialReportKey(bool Active, DateTimeOffset LastRotated, DateTimeOffset? LastUsed);
