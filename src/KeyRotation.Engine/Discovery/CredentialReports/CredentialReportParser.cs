using System.Globalization;

namespace KeyRotation.Engine.Discovery.CredentialReports;

/// <summary>
/// Reads the credential report's CSV by column name (IAM may add columns): user, arn and, per key slot,
/// access_key_N_active, _last_rotated and _last_used_date. "N/A", "no_information", "not_supported" and empty mean
/// no value. The account's root row (<c>&lt;root_account&gt;</c>) is skipped: the root user is not an IAM user.
/// </summary>
internal static class CredentialReportParser
{
    public const string RootAccount = "<root_account>";

    private static readonly string[] NoValue = ["N/A", "no_information", "not_supported", ""];

    private static readonly string[] Timestamps = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    /// <exception cref="FormatException">The CSV is damaged, a column is missing or a value is not what the column holds;
    /// the message names the line and column, never more than the value.</exception>
    public static IReadOnlyDictionary<string, CredentialReportRow> Parse(string csv)
    {
        var records = CsvRecords.Parse(csv);
        if (records.Count == 0) throw new FormatException("the report is empty");
        var header = records[0].ToList();
        int Column(string name) => header.IndexOf(name) is >= 0 and var index ? index
            : throw new FormatException($"the report has no column '{name}'");

        var user = Column("user");
        var arn = Column("arn");
        var slots = new[] { 1, 2 }.Select(n => (Slot: n, Active: Column($"access_key_{n}_active"),
            Rotated: Column($"access_key_{n}_last_rotated"), Used: Column($"access_key_{n}_last_used_date"))).ToArray();

        var rows = new Dictionary<string, CredentialReportRow>(StringComparer.Ordinal);
        for (var line = 2; line <= records.Count; line++)
        {
            var fields = records[line - 1];
            if (fields.Count != header.Count)
            {
                throw new FormatException($"line {line}: {fields.Count} fields where the header has {header.Count}");
            }

            if (fields[user] == RootAccount) continue;
            if (fields[user].Length == 0) throw new FormatException($"line {line}: no user name");
            var keys = new List<CredentialReportKey>(2);
            foreach (var slot in slots)
            {
                var active = Flag(fields[slot.Active], line, header[slot.Active]);
                var rotated = Instant(fields[slot.Rotated], line, header[slot.Rotated]);
                // A slot holds a key when it is active or has a creation date; an inactive slot without one is empty.
                if (active || rotated is not null)
                {
                    keys.Add(new CredentialReportKey(slot.Slot, active, rotated ?? CredentialReportKey.UnknownCreation,
                        Instant(fields[slot.Used], line, header[slot.Used])));
                }
            }

            if (!rows.TryAdd(fields[user], new CredentialReportRow(fields[user], fields[arn], keys)))
            {
                throw new FormatException($"line {line}: user '{fields[user]}' appears twice");
            }
        }

        return rows;
    }

    private static bool Flag(string value, int line, string column) =>
        value.ToUpperInvariant() switch
        {
            "TRUE" => true,
            "FALSE" => false,
            _ when NoValue.Contains(value) => false,
            _ => throw new FormatException($"line {line}, {column}: '{Clip(value)}' is not true or false"),
        };

    private static DateTimeOffset? Instant(string value, int line, string column)
    {
        if (NoValue.Contains(value)) return null;
        return DateTimeOffset.TryParseExact(value, Timestamps, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? instant
            : throw new FormatException($"line {line}, {column}: '{Clip(value)}' is not an ISO 8601 time");
    }

    private static string Clip(string value) => value.Length <= 40 ? value : value[..40] + "...";
}
