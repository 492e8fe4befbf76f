using KeyRotation.Aws.Permissions;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Sts;

/// <summary>STS GetAccessKeyInfo as the central principal: which account an access key id belongs to.</summary>
[ActsAs(AwsPrincipal.Central)]
internal sealed class AwsAccessKeyInfo(StsGateway sts) : IAccessKeyInfo
{
    [RequiresPermission("sts:GetAccessKeyInfo")]
    public Task<string> AccountOfAccessKeyAsync(string accessKeyId, CancellationToken cancellationToken) =>
        sts.GetAccessKeyInfoAsync(accessKeyId, cancellationToken);
}
