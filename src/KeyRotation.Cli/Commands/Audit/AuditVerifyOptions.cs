using KeyRotation.Aws.Audit;
using KeyRotation.Aws.Digests;
using KeyRotation.Cli.Options;

namespace KeyRotation.Cli.Commands.Audit;

/// <summary><c>keyrotation audit verify</c> as typed, before validation.</summary>
internal sealed record AuditVerifyRawOptions(AuditStoreRawOptions Store)
{
    public string? Bucket { get; init; }
    public string? Run { get; init; }
    public string? Since { get; init; }
    public string? Output { get; init; }
}

/// <summary>A validated <c>keyrotation audit verify</c> request.</summary>
internal sealed record AuditVerifyOptions(AuditStoreSettings Store, AuditDigestStoreSettings Digests, string? RunId, DateTimeOffset? Since, bool Json);
