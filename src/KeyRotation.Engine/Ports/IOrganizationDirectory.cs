using KeyRotation.Core.Facts;

namespace KeyRotation.Engine.Ports;

/// <summary>The organization's accounts, with state, OU path and tags (account and OU).</summary>
public interface IOrganizationDirectory
{
    /// <summary>Every account of the organization, whatever its state; the engine decides what to skip.</summary>
    Task<IReadOnlyList<AccountFacts>> ListAccountsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// One account read afresh, as <see cref="ListAccountsAsync"/> would report it (state, OU path with the OUs' tags,
    /// tags); null when the organization has no such account. For a step of a run that must not take these facts
    /// from whoever invoked it.
    /// </summary>
    Task<AccountFacts?> DescribeAccountAsync(string accountId, CancellationToken cancellationToken);
}
