using KeyRotation.Engine.Ports;

namespace KeyRotation.Simulation.Ports;

/// <summary>Secrets Manager of one simulated account: the pair goes into the world's vault, never into the organization model.</summary>
internal sealed class SimulatedSecretStore(string accountId, SimulationGate gate, SimulatedSecretVault vault) : ISecretStore
{
    public async Task<string> StoreAccessKeyAsync(string userName, NewAccessKey key, CancellationToken cancellationToken)
    {
        await gate.PassAsync(SimulatedOperations.SecretsManager, SimulatedOperations.PutSecretValue, accountId, cancellationToken);
        return vault.Put(accountId, userName, key);
    }

    public async Task<StoredSecretInfo?> DescribeAsync(string userName, CancellationToken cancellationToken)
    {
        await gate.PassAsync(SimulatedOperations.SecretsManager, SimulatedOperations.DescribeSecret, accountId, cancellationToken);
        return vault.Describe(accountId, userName);
    }
}
