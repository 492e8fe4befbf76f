using KeyRotation.Engine.Ports;

namespace KeyRotation.Simulation.Ports;

/// <summary>
/// STS GetAccessKeyInfo over the simulated world: the account of the organization holding the key, else the account
/// registered in <see cref="SimulatedWorld.ForeignAccessKeys"/> (a key of an account outside the organization), else
/// NotFound. Real STS reads the account out of the key id itself; simulated ids carry none.
/// </summary>
internal sealed class SimulatedAccessKeyInfo(SimulatedWorld world) : IAccessKeyInfo
{
    public async Task<string> AccountOfAccessKeyAsync(string accessKeyId, CancellationToken cancellationToken)
    {
        await world.Gate.PassAsync(SimulatedOperations.Sts, SimulatedOperations.GetAccessKeyInfo,
            world.Organization.ManagementAccountId, cancellationToken);
        lock (world.Sync)
        {
            var holder = world.Organization.Accounts.FirstOrDefault(a =>
                a.Users.Any(u => u.AccessKeys.Any(k => k.Id == accessKeyId)));
            if (holder is not null)
            {
                return holder.Id;
            }
        }

        return world.ForeignAccessKeys.TryGetValue(accessKeyId, out var foreign)
            ? foreign
            : throw new ServiceException(SimulatedOperations.Sts, SimulatedOperations.GetAccessKeyInfo, "InvalidParameterValue",
                FailureKind.NotFound, 400, detail: $"no account is known for access key {accessKeyId}");
    }
}
