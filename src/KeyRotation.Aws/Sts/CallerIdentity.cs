using KeyRotation.Aws.Endpoints;

namespace KeyRotation.Aws.Sts;

/// <summary>Who the central credentials are (GetCallerIdentity); the ARN names the partition every ARN we build uses.</summary>
internal sealed record CallerIdentity(string Account, string Arn, Partition Partition);
