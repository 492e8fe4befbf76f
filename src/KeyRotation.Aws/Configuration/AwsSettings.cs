using KeyRotation.Engine.Discovery;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Configuration;

/// <summary>
/// What a host (CLI, Lambda) tells the AWS adapters. Everything left null falls back to the environment the way the
/// AWS CLI does: profile from <c>AWS_PROFILE</c>, region from <c>AWS_REGION</c>/<c>AWS_DEFAULT_REGION</c> or the profile,
/// endpoints from <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>/<c>AWS_ENDPOINT_URL</c>.
/// </summary>
internal sealed record AwsSettings
{
    /// <summary>Names this run in role session names (<c>key-rotation-&lt;run-id&gt;</c>). Required.</summary>
    public required string RunId { get; init; }

    /// <summary>Named profile (<c>--profile</c>) for the central credentials. Default null: <c>AWS_PROFILE</c>, then the default chain.</summary>
    public string? Profile { get; init; }

    /// <summary>Region of STS, SNS, Secrets Manager and DynamoDB. Default null: environment, then profile.</summary>
    public string? Region { get; init; }

    /// <summary>One endpoint for every service (<c>--endpoint-url</c>), e.g. a local emulator. Default null.</summary>
    public string? EndpointUrl { get; init; }

    /// <summary>The StackSet-deployed role assumed in each member account. Default <c>KeyRotationMemberRole</c>.</summary>
    public string MemberRoleName { get; init; } = "KeyRotationMemberRole";

    /// <summary>ExternalId the member role's trust policy requires. Default null (none sent).</summary>
    public string? ExternalId { get; init; }

    /// <summary>
    /// SourceIdentity set on member sessions so CloudTrail ties every IAM change to this tool. Default <c>key-rotation</c>;
    /// null sends none. The member role's trust policy must allow <c>sts:SetSourceIdentity</c>, and a caller whose own
    /// session already carries a different source identity cannot set another one (STS denies it).
    /// </summary>
    public string? SourceIdentity { get; init; } = "key-rotation";

    /// <summary>
    /// An IAM role the secrets' resource policy does not deny reading (<c>--break-glass-role-arn</c>), for recovery by
    /// a security team; it still needs its own Allow. <c>*</c> as the account (<c>arn:aws:iam::*:role/BreakGlass</c>)
    /// means the role of that name in each member account. Default null: nobody but each secret's owner may read it.
    /// </summary>
    public string? BreakGlassRoleArn { get; init; }

    /// <summary>
    /// The customer-managed KMS key new secrets are encrypted with (<c>--secrets-kms-key</c>): an alias such as
    /// <c>alias/key-rotation-secrets</c> (resolved in each member account, where the StackSet's SecretsKeyAlias creates
    /// it), a key id or a key ARN. Default null: Secrets Manager's AWS managed key. An existing secret keeps its key.
    /// </summary>
    public string? SecretsKmsKeyId { get; init; }

    /// <summary>SNS topic for owner notifications. Default null: notifications are not sent.</summary>
    public string? TopicArn { get; init; }

    /// <summary>Lifetime asked for member-role sessions. Default 1 hour (STS allows 15 minutes to the role's maximum).</summary>
    public TimeSpan SessionDuration { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Member-role credentials are renewed when less than this is left. Default 5 minutes.</summary>
    public TimeSpan CredentialRefreshMargin { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Per-request HTTP timeout. Default 30 seconds.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Retries the DynamoDB and S3 SDK clients may take on their own. Default 1. The protocol clients (IAM,
    /// Organizations, SNS, Secrets Manager) and the STS client never retry: the engine's pipeline retries each of
    /// their operations (<c>ResilienceOptions.Retry</c>, one setting for every service). DynamoDB and S3 are not one
    /// request per pipeline call (an audit append or query spans several requests, the digest and report stores are
    /// not wrapped), so they keep this small cap of their own.
    /// </summary>
    public int SdkMaxErrorRetry { get; init; } = 1;

    /// <summary>
    /// How member accounts' users are discovered, and the credential report's polling (the engine's settings, the
    /// same the simulation takes). Default bulk: GetAccountAuthorizationDetails and the credential report, a handful
    /// of IAM calls per account, falling back to per-key reads (with a note on the account) when the report cannot be had.
    /// </summary>
    public DiscoverySettings Discovery { get; init; } = new();

    /// <summary>Every problem with these settings, each naming the field and value; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate() => AwsSettingsValidation.Problems(this);
}
