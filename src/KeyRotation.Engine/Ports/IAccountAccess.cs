namespace KeyRotation.Engine.Ports;

/// <summary>Gives account-scoped ports for one member account (STS AssumeRole in real AWS).</summary>
public interface IAccountAccess
{
    /// <exception cref="ServiceException">With <see cref="FailureKind.AccessDenied"/> when the role is missing or the trust denies us.</exception>
    Task<IAccountSession> OpenAsync(string accountId, CancellationToken cancellationToken);
}

/// <summary>The ports that act inside one member account.</summary>
public interface IAccountSession
{
    string AccountId { get; }

    IIdentityStore Identity { get; }

    ISecretStore Secrets { get; }
}
