using KeyRotation.Engine.Ports;

namespace KeyRotation.Engine.Resilience;

/// <summary>GetAccessKeyInfo is a read of the central account: retried, and paced with the run's other STS calls.</summary>
internal sealed class ResilientAccessKeyInfo(IAccessKeyInfo inner, ResilientCalls calls) : IAccessKeyInfo
{
    public Task<string> AccountOfAccessKeyAsync(string accessKeyId, CancellationToken cancellationToken) =>
        calls.RunAsync(ServiceNames.Sts, Operations.GetAccessKeyInfo, ct => inner.AccountOfAccessKeyAsync(accessKeyId, ct),
            cancellationToken);
}
