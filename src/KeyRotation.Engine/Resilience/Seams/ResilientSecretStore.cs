using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Resilience.Breakers;
using KeyRotation.Engine.Resilience.Pipelines;
using KeyRotation.Engine.Resilience.Retry;

namespace KeyRotation.Engine.Resilience.Seams;

/// <summary>
/// Storing a key pair is retried on throttling and transient errors: it creates or updates the user's secret
/// with the same value, so a repeat after an attempt that did land leaves the same secret. Describing only reads, and
/// its success does not clear the breaker's count of failed stores: a store that keeps failing still gives the account up.
/// </summary>
internal sealed class ResilientSecretStore(ISecretStore inner, ResilientCalls calls, AccountBreaker breaker) : ISecretStore
{
    public Task<string> StoreAccessKeyAsync(string userName, NewAccessKey key, CancellationToken cancellationToken) =>
        calls.RunAsync(
            ServiceNames.SecretsManager,
            OperationNames.StoreAccessKey,
            ct => inner.StoreAccessKeyAsync(userName, key, ct),
            cancellationToken,
            breaker);

    public Task<StoredSecretInfo?> DescribeAsync(string userName, CancellationToken cancellationToken) =>
        calls.RunAsync(
            ServiceNames.SecretsManager,
            OperationNames.DescribeSecret,
            ct => inner.DescribeAsync(userName, ct),
            cancellationToken,
            breaker,
            successVouchesForService: false);
}
