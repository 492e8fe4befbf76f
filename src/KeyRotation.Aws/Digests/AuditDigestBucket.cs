using KeyRotation.Aws.S3;

namespace KeyRotation.Aws.Digests;

/// <summary>
/// The digest bucket's name, checked once for every host (--audit-digest-bucket, AUDIT_DIGEST_BUCKET) against
/// S3's general-purpose bucket naming rules (<see cref="BucketNames"/>); an empty name is refused, not ignored.
/// </summary>
public static class AuditDigestBucket
{
    /// <summary>The Lambda's variable, and the default of <c>audit verify --audit-digest-bucket</c> (as KEYROTATION_AUDIT_TABLE is of --table).</summary>
    public const string Variable = "KEYROTATION_AUDIT_DIGEST_BUCKET";

    /// <returns>Null when <paramref name="name"/> is a valid bucket name; otherwise why not, naming <paramref name="field"/> and the value.</returns>
    public static string? Problem(string field, string? name) =>
        string.IsNullOrWhiteSpace(name)
            ? $"{field} is empty; leave it out to run without sealing the audit trail."
            : BucketNames.Problem(field, name);
}
