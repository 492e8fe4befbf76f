namespace KeyRotation.Engine.Ports.SecretsManager;

/// <summary>
/// The Secrets Manager operations the tool uses in one member account, one request each. A secret's value goes in
/// as <see cref="SecretText"/> and never comes back: there is no GetSecretValue here.
/// </summary>
public interface ISecretsManagerOperations
{
    /// <summary>DescribeSecret; null when there is no such secret (ResourceNotFoundException).</summary>
    Task<SecretDescription?> DescribeSecretAsync(string secretId, CancellationToken cancellationToken);

    /// <summary>CreateSecret; returns the ARN. ResourceExistsException when the name is taken.</summary>
    Task<string> CreateSecretAsync(NewSecret secret, CancellationToken cancellationToken);

    /// <summary>PutSecretValue; returns the ARN.</summary>
    Task<string> PutSecretValueAsync(string secretId, SecretText value, string clientRequestToken, CancellationToken cancellationToken);

    /// <summary>TagResource.</summary>
    Task TagResourceAsync(string secretId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken);

    /// <summary>PutResourcePolicy, with BlockPublicPolicy.</summary>
    Task PutResourcePolicyAsync(string secretId, string policy, CancellationToken cancellationToken);
}

/// <summary>DescribeSecret's answer, without the value: ARN, name, tags and the KMS key (null: the AWS managed key).</summary>
public sealed record SecretDescription(string Arn, string Name, IReadOnlyDictionary<string, string> Tags, string? KmsKeyId);

/// <summary>What CreateSecret sends. <see cref="KmsKeyId"/> null: the AWS managed key.</summary>
public sealed record NewSecret(
    string Name, string Description, SecretText Value, string ClientRequestToken, IReadOnlyDictionary<string, string> Tags,
    string? KmsKeyId);
