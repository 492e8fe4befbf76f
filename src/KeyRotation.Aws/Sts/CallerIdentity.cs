using KeyRotation.Aws.Endpoints;

namespace KeyRotation.Aws.Sts;

/// <summary>Who the central credentials are (GetCallerIdentity); the ARN names the partition every ARN we build uses.</summary>
public sealed record CallerIdentity(string Account, string Arn)
{
    /// <summary>The partition of <see cref="Arn"/>.</summary>
    internal Partition Partition { get; init; } = Partition.OfArn(Arn);
}
