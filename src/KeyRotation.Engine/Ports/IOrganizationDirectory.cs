using KeyRotation.Core.Facts;

namespace KeyRotation.Engine.Ports;

/// <summary>The organization's accounts, with state, OU path and tags (account and OU).</summary>
public interface IOrganizationDirectory
{
    /// <summary>Every account of the organization, whatever its state; the engine decides what to skip.</summary>
    Task<IReadOnlyList<AccountFacts>> ListAccountsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// One account with its state and its own tags (DescribeAccount and ListTagsForResource: two requests, whatever the
    /// organization's size); its OU path is not walked, so an OU's opt-out tag does not show. Null when the account is
    /// not a member of the organization. For operator actions on one key, where listing every account would cost minutes.
    /// </summary>
    Task<AccountFacts?> DescribeAccountAsync(string accountId, CancellationToken cancellationToken);
}
