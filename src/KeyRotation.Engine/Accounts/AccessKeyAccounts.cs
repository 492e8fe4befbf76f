using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Sts;

namespace KeyRotation.Engine.Accounts;

/// <summary>Which account an access key id belongs to: STS GetAccessKeyInfo as the central principal.</summary>
public sealed class AccessKeyAccounts(IStsOperations sts) : IAccessKeyInfo
{
    internal IStsOperations Sts => sts;

    public Task<string> AccountOfAccessKeyAsync(string accessKeyId, CancellationToken cancellationToken) =>
        sts.GetAccessKeyInfoAsync(accessKeyId, cancellationToken);
}
