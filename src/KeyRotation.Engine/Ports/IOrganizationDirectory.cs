using KeyRotation.Core.Facts;

namespace KeyRotation.Engine.Ports;

/// <summary>The organization's accounts, with state, OU path and tags (account and OU).</summary>
public interface IOrganizationDirectory
{
    /// <summary>Every account of the organization, whatever its state; the engine decides what to skip.</summary>
    Task<IReadOnlyList<AccountFacts>> ListAccountsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="ListAccountsAsync(CancellationToken)"/>, but an account for which <paramref name="needsTags"/>
    /// (asked with the account's state, id and OU path, before its tags are read) says no may come back without its
    /// own tags: a sweep needs no tag of an account it skips by state or targeting. Default: every account's tags.
    /// </summary>
    Task<IReadOnlyList<AccountFacts>> ListAccountsAsync(Func<AccountFacts, bool> needsTags, CancellationToken cancellationToken) =>
        ListAccountsAsync(cancellationToken);

    /// <summary>
    /// One account read afresh, as <see cref="ListAccountsAsync"/> would report it (state, OU path with the OUs' tags,
    /// tags); null when the organization has no such account. For a step of a run that must not take these facts
    /// from whoever invoked it.
    /// </summary>
    Task<AccountFacts?> DescribeAccountAsync(string accountId, CancellationToken cancellationToken);
}
