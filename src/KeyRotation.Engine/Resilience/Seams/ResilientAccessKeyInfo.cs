using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Resilience.Pipelines;
using KeyRotation.Engine.Resilience.Retry;

namespace KeyRotation.Engine.Resilience.Seams;

/// <summary>GetAccessKeyInfo is a read of the central account: retried, and paced with the run's other STS calls.</summary>
internal sealed class ResilientAccessKeyInfo(IAccessKeyInfo inner, ResilientCalls calls) : IAccessKeyInfo
{
    public Task<string> AccountOfAccessKeyAsync(string accessKeyId, CancellationToken cancellationToken) =>
        calls.RunAsync(ServiceNames.Sts, OperationNames.GetAccessKeyInfo, ct => inner.AccountOfAccessKeyAsync(accessKeyId, ct),
            cancellationToken);
}
