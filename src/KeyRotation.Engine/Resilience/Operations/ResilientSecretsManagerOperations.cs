using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.SecretsManager;
using KeyRotation.Engine.Resilience.Breakers;
using KeyRotation.Engine.Resilience.Pipelines;
using KeyRotation.Engine.Resilience.Retry;

namespace KeyRotation.Engine.Resilience.Operations;

/// <summary>
/// Each Secrets Manager operation of one account through the Secrets Manager pipeline, under the account's breaker.
/// The writes are retried on throttling and transient errors: CreateSecret and PutSecretValue carry a request token
/// derived from the key, so a repeat of one that did land changes nothing; TagResource and PutResourcePolicy set the
/// same state again. DescribeSecret only reads, and its success does not clear the breaker's count of failed writes:
/// a store that keeps failing still gives the account up.
/// </summary>
internal sealed class ResilientSecretsManagerOperations(ISecretsManagerOperations inner, ResilientCalls calls, AccountBreaker breaker)
    : ISecretsManagerOperations
{
    public Task<SecretDescription?> DescribeSecretAsync(string secretId, CancellationToken cancellationToken) =>
        calls.RunAsync(OperationNames.SecretsManager, OperationNames.DescribeSecret, ct => inner.DescribeSecretAsync(secretId, ct),
            cancellationToken, breaker, successVouchesForService: false);

    public Task<string> CreateSecretAsync(NewSecret secret, CancellationToken cancellationToken) =>
        calls.RunAsync(OperationNames.SecretsManager, OperationNames.CreateSecret, ct => inner.CreateSecretAsync(secret, ct), cancellationToken, breaker);

    public Task<string> PutSecretValueAsync(string secretId, SecretText value, string clientRequestToken, CancellationToken cancellationToken) =>
        calls.RunAsync(OperationNames.SecretsManager, OperationNames.PutSecretValue,
            ct => inner.PutSecretValueAsync(secretId, value, clientRequestToken, ct), cancellationToken, breaker);

    public Task TagResourceAsync(string secretId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        calls.RunAsync(OperationNames.SecretsManager, OperationNames.TagResource, ct => inner.TagResourceAsync(secretId, tags, ct), cancellationToken, breaker);

    public Task PutResourcePolicyAsync(string secretId, string policy, CancellationToken cancellationToken) =>
        calls.RunAsync(OperationNames.SecretsManager, OperationNames.PutResourcePolicy, ct => inner.PutResourcePolicyAsync(secretId, policy, ct),
            cancellationToken, breaker);
}
