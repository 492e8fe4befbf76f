using KeyRotation.Engine.Ports.Iam;
using KeyRotation.Engine.Ports.SecretsManager;

namespace KeyRotation.Engine.Ports.Sts;

/// <summary>The STS operations the tool uses, one request each (credential renewal of an assumed role aside, which
/// the adapter's credentials do as the SDK's do).</summary>
public interface IStsOperations
{
    /// <summary>
    /// AssumeRole into the member role of <paramref name="accountId"/> (role name, ExternalId, SourceIdentity and the
    /// session name with the run id are the adapter's settings) and the operations of that account under it.
    /// <see cref="FailureKind.AccessDenied"/> when the role is missing or its trust refuses us.
    /// </summary>
    Task<MemberAccountOperations> AssumeRoleAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>GetCallerIdentity: who the central credentials are.</summary>
    Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken);

    /// <summary>GetAccessKeyInfo: the 12-digit account an access key id belongs to.</summary>
    Task<string> GetAccessKeyInfoAsync(string accessKeyId, CancellationToken cancellationToken);
}

/// <summary>The operations of one member account, under its assumed role.</summary>
public sealed record MemberAccountOperations(string AccountId, IIamOperations Iam, ISecretsManagerOperations SecretsManager);

/// <summary>GetCallerIdentity's answer; <see cref="Partition"/> is the ARN's second field (aws, aws-cn, aws-us-gov...).</summary>
public sealed record CallerIdentity(string Account, string Arn)
{
    public string Partition => Arn.Split(':') is { Length: > 1 } parts ? parts[1] : "aws";
}
