namespace KeyRotation.Engine.Tests.Discovery.CredentialReports;

/// <summary>Credential reports as IAM writes them: every column, root row first, ISO 8601 times with an offset.</summary>
internal static class ReportFixtures
{
    public const string Header =
        "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active," +
        "access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service," +
        "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service," +
        "cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

    public const string Root =
        "<root_account>,arn:aws:iam::111111111111:root,2019-01-01T00:00:00+00:00,not_supported,2025-05-30T08:00:00+00:00," +
        "not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A";

    /// <summary>One user row; each key is (active, last rotated, last used date) as the report spells them.</summary>
    public static string Row(string user, string arn, (string Active, string Rotated, string Used)? key1 = null,
        (string Active, string Rotated, string Used)? key2 = null)
    {
        static string Slot((string Active, string Rotated, string Used)? key) => key is { } k
            ? $"{k.Active},{k.Rotated},{k.Used},{(k.Used.Contains('T', StringComparison.Ordinal) ? "us-east-1,s3" : "N/A,N/A")}"
            : "false,N/A,N/A,N/A,N/A";
        return $"{user},{arn},2020-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,{Slot(key1)},{Slot(key2)},false,N/A,false,N/A";
    }

    public static string Report(params string[] rows) => string.Join('\n', [Header, Root, .. rows]) + "\n";
}
