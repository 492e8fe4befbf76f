namespace KeyRotation.Engine.Ports;

/// <summary>Where a new key pair is kept so that only its owner can read it (Secrets Manager in real AWS).</summary>
public interface ISecretStore
{
    /// <summary>Creates or updates the user's secret; returns where it is (ARN or name), never what it is.</summary>
    Task<string> StoreAccessKeyAsync(string userName, NewAccessKey key, CancellationToken cancellationToken);

    /// <summary>The user's secret as it stands, or null when there is none. Never reads the secret's value.</summary>
    Task<StoredSecretInfo?> DescribeAsync(string userName, CancellationToken cancellationToken);
}
