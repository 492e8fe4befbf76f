using System.Text.Json;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.SecretsManager;
using static KeyRotation.Engine.Ports.OperationNames;

namespace KeyRotation.Simulation.Ports;

/// <summary>
/// Secrets Manager of one simulated account over the world's <see cref="SimulatedSecretVault"/>, one gate pass per
/// operation. A value is expected to be a key pair as JSON (<c>{"AccessKeyId":..,"SecretAccessKey":..}</c>); the
/// vault keeps it as the <see cref="NewAccessKey"/> the simulated IAM issued, so tests can compare the two.
/// </summary>
internal sealed class SimulatedSecretsManagerOperations(string accountId, SimulatedWorld world) : ISecretsManagerOperations
{
    public async Task<SecretDescription?> DescribeSecretAsync(string secretId, CancellationToken cancellationToken)
    {
        await PassAsync(DescribeSecret, cancellationToken);
        return world.SecretVault.Describe(accountId, secretId);
    }

    public async Task<string> CreateSecretAsync(NewSecret secret, CancellationToken cancellationToken)
    {
        await PassAsync(CreateSecret, cancellationToken);
        return world.SecretVault.Create(accountId, secret, KeyPair(CreateSecret, secret.Value));
    }

    public async Task<string> PutSecretValueAsync(string secretId, SecretText value, string clientRequestToken, CancellationToken cancellationToken)
    {
        await PassAsync(PutSecretValue, cancellationToken);
        return world.SecretVault.PutValue(accountId, secretId, KeyPair(PutSecretValue, value));
    }

    public async Task TagResourceAsync(string secretId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken)
    {
        await PassAsync(TagResource, cancellationToken);
        world.SecretVault.Tag(accountId, secretId, tags);
    }

    public async Task PutResourcePolicyAsync(string secretId, string policy, CancellationToken cancellationToken)
    {
        await PassAsync(PutResourcePolicy, cancellationToken);
        world.SecretVault.PutPolicy(accountId, secretId, policy);
    }

    /// <summary>The key pair in the value, as issued (with its creation time) when the simulated IAM issued it.</summary>
    private NewAccessKey KeyPair(string operation, SecretText value)
    {
        string? id = null;
        string? secret = null;
        try
        {
            using var document = JsonDocument.Parse(value.Reveal());
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                id = document.RootElement.TryGetProperty("AccessKeyId", out var i) ? i.GetString() : null;
                secret = document.RootElement.TryGetProperty("SecretAccessKey", out var s) ? s.GetString() : null;
            }
        }
        catch (JsonException)
        {
        }

        if (id is null || secret is null)
        {
            // Never the value itself: it is a secret.
            throw new ServiceException(SecretsManager, operation, "InvalidParameterException", FailureKind.Validation, 400,
                detail: "the simulated vault keeps key pairs only ({\"AccessKeyId\":..,\"SecretAccessKey\":..})");
        }

        var issued = world.FindIssued(id);
        return issued is not null && issued.SecretAccessKey.Reveal() == secret
            ? issued
            : new NewAccessKey(id, new SecretText(secret), world.Time.GetUtcNow());
    }

    private ValueTask PassAsync(string operation, CancellationToken cancellationToken) =>
        world.Gate.PassAsync(SecretsManager, operation, accountId, cancellationToken);
}
