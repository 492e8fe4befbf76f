using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Sts;
using KeyRotation.Simulation.Model;
using static KeyRotation.Engine.Ports.OperationNames;

namespace KeyRotation.Simulation.Ports;

/// <summary>
/// STS over the simulated world, one gate pass per operation: AssumeRole into any account of the organization (a
/// deny-account fault refuses it at the gate, as a missing role would), GetCallerIdentity as the management account,
/// and GetAccessKeyInfo.
/// </summary>
internal sealed class SimulatedStsOperations(SimulatedWorld world) : IStsOperations
{
    public async Task<MemberAccountOperations> AssumeRoleAsync(string accountId, CancellationToken cancellationToken)
    {
        await world.Gate.PassAsync(Sts, AssumeRole, accountId, cancellationToken);
        SimulatedAccount? account;
        lock (world.Sync)
        {
            account = world.Organization.Accounts.FirstOrDefault(a => a.Id == accountId);
        }

        if (account is null)
        {
            throw new ServiceException(Sts, AssumeRole, "AccessDenied", FailureKind.AccessDenied, 403,
                detail: $"role missing or trust denied in account {accountId}");
        }

        return new MemberAccountOperations(accountId, new SimulatedIamOperations(account, world),
            new SimulatedSecretsManagerOperations(accountId, world));
    }

    public async Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken)
    {
        var management = world.Organization.ManagementAccountId;
        await world.Gate.PassAsync(Sts, GetCallerIdentity, management, cancellationToken);
        return new CallerIdentity(management, $"arn:aws:iam::{management}:user/simulation");
    }

    /// <summary>
    /// The account of the organization holding the key, else the account registered in
    /// <see cref="SimulatedWorld.ForeignAccessKeys"/> (a key of an account outside the organization), else NotFound.
    /// Real STS reads the account out of the key id itself; simulated ids carry none.
    /// </summary>
    public async Task<string> GetAccessKeyInfoAsync(string accessKeyId, CancellationToken cancellationToken)
    {
        await world.Gate.PassAsync(Sts, GetAccessKeyInfo, world.Organization.ManagementAccountId, cancellationToken);
        lock (world.Sync)
        {
            var holder = world.Organization.Accounts.FirstOrDefault(a => a.Users.Any(u => u.AccessKeys.Any(k => k.Id == accessKeyId)));
            if (holder is not null)
            {
                return holder.Id;
            }
        }

        return world.ForeignAccessKeys.TryGetValue(accessKeyId, out var foreign)
            ? foreign
            : throw new ServiceException(Sts, GetAccessKeyInfo, "InvalidParameterValue", FailureKind.NotFound, 400,
                detail: $"no account is known for access key {accessKeyId}");
    }
}
