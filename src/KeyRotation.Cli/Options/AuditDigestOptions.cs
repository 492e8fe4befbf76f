using System.CommandLine;
using KeyRotation.Aws.Digests;
using KeyRotation.Cli.Hosting;

namespace KeyRotation.Cli.Options;

/// <summary><c>--audit-digest-bucket NAME</c>: the S3 bucket (Object Lock, compliance mode) that seals each run's audit trail.</summary>
internal sealed class AuditDigestOptions
{
    public const string Name = "--audit-digest-bucket";

    public Option<string> Bucket { get; } = new(Name)
    {
        Description = "S3 bucket with Object Lock where each run's audit digest is sealed (docs/audit.md); needs --audit-table. "
            + "Endpoint: $AWS_ENDPOINT_URL_S3, then $AWS_ENDPOINT_URL (--endpoint-url on a simulation names the table's only).",
        HelpName = "NAME",
    };

    public void AddTo(Command command) => command.Add(Bucket);

    /// <summary>The bucket, or null when not given.</summary>
    /// <param name="requireTable">For run and plan: the digest seals the table's events, so a bucket without a table is refused.</param>
    /// <exception cref="InvalidInputException">Not a bucket name, or no audit table; names the flag and value.</exception>
    public string? Read(ParseResult result, bool hasAuditTable = true)
    {
        var bucket = result.GetValue(Bucket);
        if (bucket is null) return null;
        if (AuditDigestBucket.Problem(Name, bucket) is { } problem) throw new InvalidInputException(problem);
        return hasAuditTable
            ? bucket
            : throw new InvalidInputException($"{Name} seals the events of the audit table, so it needs --audit-table NAME too");
    }
}
