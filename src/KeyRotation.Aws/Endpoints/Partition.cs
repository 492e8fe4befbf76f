namespace KeyRotation.Aws.Endpoints;

/// <summary>An AWS partition: the commercial cloud, GovCloud (US) or China. ISO partitions are not supported.</summary>
internal sealed record Partition(string Name, string DnsSuffix, string IamHost, string IamSigningRegion, string OrganizationsRegion)
{
    public static Partition Aws { get; } = new("aws", "amazonaws.com", "iam.amazonaws.com", "us-east-1", "us-east-1");

    public static Partition AwsUsGov { get; } =
        new("aws-us-gov", "amazonaws.com", "iam.us-gov.amazonaws.com", "us-gov-west-1", "us-gov-west-1");

    public static Partition AwsCn { get; } =
        new("aws-cn", "amazonaws.com.cn", "iam.cn-north-1.amazonaws.com.cn", "cn-north-1", "cn-northwest-1");

    /// <summary>The partition a region belongs to.</summary>
    public static Partition OfRegion(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? AwsCn
        : region.StartsWith("us-gov-", StringComparison.Ordinal) ? AwsUsGov
        : Aws;

    /// <summary>The partition named in an ARN (<c>arn:&lt;partition&gt;:...</c>).</summary>
    /// <exception cref="FormatException">The ARN is malformed or names a partition this tool does not support.</exception>
    public static Partition OfArn(string arn)
    {
        var parts = arn.Split(':');
        if (parts.Length < 6 || parts[0] != "arn")
        {
            throw new FormatException($"Not an ARN: '{arn}'.");
        }

        return parts[1] switch
        {
            "aws" => Aws,
            "aws-us-gov" => AwsUsGov,
            "aws-cn" => AwsCn,
            var other => throw new FormatException($"Unsupported AWS partition '{other}' in ARN '{arn}'."),
        };
    }
}
