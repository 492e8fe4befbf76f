namespace KeyRotation.Aws.Endpoints;

/// <summary>
/// One AWS service the tool calls. <see cref="EnvironmentKey"/> is AWS's service id in upper snake case, as used by
/// <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>; <see cref="SigningName"/> is the SigV4 scope's service.
/// </summary>
internal sealed record AwsService(string Name, string EnvironmentKey, string SigningName, bool IsGlobal)
{
    public static AwsService Iam { get; } = new("IAM", "IAM", "iam", IsGlobal: true);
    public static AwsService Organizations { get; } = new("Organizations", "ORGANIZATIONS", "organizations", IsGlobal: true);
    public static AwsService Sts { get; } = new("STS", "STS", "sts", IsGlobal: false);
    public static AwsService Sns { get; } = new("SNS", "SNS", "sns", IsGlobal: false);
    public static AwsService SecretsManager { get; } = new("SecretsManager", "SECRETS_MANAGER", "secretsmanager", IsGlobal: false);
    public static AwsService DynamoDb { get; } = new("DynamoDB", "DYNAMODB", "dynamodb", IsGlobal: false);

    /// <summary>The audit digest bucket (Digests/S3AuditDigestStore).</summary>
    public static AwsService S3 { get; } = new("S3", "S3", "s3", IsGlobal: false);

    public static IReadOnlyList<AwsService> All { get; } = [Iam, Organizations, Sts, Sns, SecretsManager, DynamoDb, S3];
}
