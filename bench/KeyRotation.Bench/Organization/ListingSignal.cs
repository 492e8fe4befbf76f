using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Bench.Organization;

/// <summary>
/// Says when the run's listing is done (the benchmark ends its clock's virtual phase there), and changes nothing:
/// it wraps the resilient directory, whose walk is the engine's own over the simulated Organizations operations.
/// </summary>
internal sealed class ListingSignal(IOrganizationDirectory inner, Action listed) : IOrganizationDirectory
{
    public async Task<IReadOnlyList<AccountFacts>> ListAccountsAsync(CancellationToken cancellationToken)
    {
        var accounts = await inner.ListAccountsAsync(cancellationToken);
        listed();
        return accounts;
    }

    public async Task<IReadOnlyList<AccountFacts>> ListAccountsAsync(Func<AccountFacts, bool> needsTags, CancellationToken cancellationToken)
    {
        var accounts = await inner.ListAccountsAsync(needsTags, cancellationToken);
        listed();
        return accounts;
    }

    public Task<AccountFacts?> DescribeAccountAsync(string accountId, CancellationToken cancellationToken) =>
        inner.DescribeAccountAsync(accountId, cancellationToken);
}
