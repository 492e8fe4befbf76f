using KeyRotation.Engine.Ports;
using KeyRotation.Simulation.Model;

namespace KeyRotation.Simulation.Ports;

/// <summary>STS AssumeRole over the in-memory organization: any account of the organization can be entered.</summary>
internal sealed class SimulatedAccountAccess(SimulatedWorld world) : IAccountAccess
{
    public async Task<IAccountSession> OpenAsync(string accountId, CancellationToken cancellationToken)
    {
        await world.Gate.PassAsync(SimulatedOperations.Sts, SimulatedOperations.AssumeRole, accountId, cancellationToken);
        SimulatedAccount? account;
        lock (world.Sync)
        {
            account = world.Organization.Accounts.FirstOrDefault(a => a.Id == accountId);
        }

        if (account is null)
        {
            throw new ServiceException(SimulatedOperations.Sts, SimulatedOperations.AssumeRole, "AccessDenied",
                FailureKind.AccessDenied, 403, detail: $"role missing or trust denied in account {accountId}");
        }

        return new SimulatedAccountSession(
            accountId,
            new SimulatedIdentityStore(account, world),
            new SimulatedSecretStore(accountId, world.Gate, world.SecretVault));
    }
}

internal sealed record SimulatedAccountSession(string AccountId, IIdentityStore Identity, ISecretStore Secrets)
    : IAccountSession;
