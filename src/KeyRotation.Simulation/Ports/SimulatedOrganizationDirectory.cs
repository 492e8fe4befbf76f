using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;
using KeyRotation.Simulation.Model;

namespace KeyRotation.Simulation.Ports;

/// <summary>Organizations over the in-memory organization: every account, whatever its state, with its OU path.</summary>
internal sealed class SimulatedOrganizationDirectory(SimulatedOrganization organization, SimulationGate gate, Lock sync)
    : IOrganizationDirectory
{
    private const string Root = "r-root";

    public async Task<IReadOnlyList<AccountFacts>> ListAccountsAsync(CancellationToken cancellationToken)
    {
        await gate.PassAsync(SimulatedOperations.Organizations, SimulatedOperations.ListAccounts,
            organization.ManagementAccountId, cancellationToken);
        lock (sync)
        {
            var units = organization.OrganizationalUnits.ToDictionary(u => u.Id, StringComparer.Ordinal);
            return organization.Accounts.Select(a => new AccountFacts(
                a.Id, a.Name, a.State, PathOf(a, units), Copy(a.Tags))).ToArray();
        }
    }

    /// <summary>One gate pass: the cost model charges the account's Organizations reads as one call.</summary>
    public async Task<AccountFacts?> DescribeAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        await gate.PassAsync(SimulatedOperations.Organizations, SimulatedOperations.DescribeAccount,
            organization.ManagementAccountId, cancellationToken);
        lock (sync)
        {
            if (organization.Accounts.FirstOrDefault(a => a.Id == accountId) is not { } account)
            {
                return null;
            }

            var units = organization.OrganizationalUnits.ToDictionary(u => u.Id, StringComparer.Ordinal);
            return new AccountFacts(account.Id, account.Name, account.State, PathOf(account, units), Copy(account.Tags));
        }
    }

    private static OrganizationalUnitFacts[] PathOf(
        SimulatedAccount account, Dictionary<string, SimulatedOrganizationalUnit> units)
    {
        var path = new List<OrganizationalUnitFacts>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var parentId = account.ParentId;
        while (parentId != Root)
        {
            if (!units.TryGetValue(parentId, out var unit))
            {
                throw new InvalidOperationException(
                    $"account {account.Id} sits below unknown organizational unit '{parentId}'");
            }

            if (!seen.Add(unit.Id))
            {
                throw new InvalidOperationException(
                    $"organizational unit '{unit.Id}' is its own ancestor (parent cycle above account {account.Id})");
            }

            path.Add(new OrganizationalUnitFacts(unit.Id, unit.Name, Copy(unit.Tags)));
            parentId = unit.ParentId;
        }

        path.Reverse();
        return [.. path];
    }

    private static Dictionary<string, string> Copy(Dictionary<string, string> tags) => new(tags, StringComparer.Ordinal);
}
