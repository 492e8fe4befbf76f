using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Engine.Resilience;

/// <summary>Listing and describing accounts are reads: retried, and paced by the organization-wide token bucket.</summary>
internal sealed class ResilientOrganizationDirectory(IOrganizationDirectory inner, ResilientCalls calls) : IOrganizationDirectory
{
    public Task<IReadOnlyList<AccountFacts>> ListAccountsAsync(CancellationToken cancellationToken) =>
        calls.RunAsync(ServiceNames.Organizations, Operations.ListAccounts, inner.ListAccountsAsync, cancellationToken);

    public Task<AccountFacts?> DescribeAccountAsync(string accountId, CancellationToken cancellationToken) =>
        calls.RunAsync(ServiceNames.Organizations, Operations.DescribeAccount,
            ct => inner.DescribeAccountAsync(accountId, ct), cancellationToken);
}
