using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Sts;

/// <summary>The member-account ports, all signing with that account's assumed-role credentials.</summary>
internal sealed class AwsAccountSession(string accountId, IIdentityStore identity, ISecretStore secrets, AssumedRoleCredentials credentials)
    : IAccountSession
{
    public string AccountId { get; } = accountId;

    public IIdentityStore Identity { get; } = identity;

    public ISecretStore Secrets { get; } = secrets;

    internal AssumedRoleCredentials Credentials { get; } = credentials;
}
