namespace KeyRotation.Engine.Ports;

/// <summary>Which account an access key id belongs to, from the id alone (STS GetAccessKeyInfo in real AWS).</summary>
public interface IAccessKeyInfo
{
    /// <returns>The 12-digit id of the account the key belongs to (the key may since have been deleted).</returns>
    /// <exception cref="ServiceException">With <see cref="FailureKind.NotFound"/> when no account is known for the key.</exception>
    Task<string> AccountOfAccessKeyAsync(string accessKeyId, CancellationToken cancellationToken);
}
