using KeyRotation.Core.Facts;
using KeyRotation.Core.Tags;

namespace KeyRotation.Core.Targeting;

/// <summary>Decides whether a run processes an account: state, targeting flags, then opt-out tags (account or any OU above it).</summary>
/// <remarks>
/// Targeting: the account is excluded when its id or any OU above it is excluded (excludes win). When both include
/// sets are empty every account is included; otherwise the account must be listed itself or sit below a listed OU.
/// </remarks>
public static class AccountSelector
{
    /// <returns>null when the account is processed; otherwise why it is skipped.</returns>
    public static AccountSkipReason? Evaluate(AccountFacts account, AccountTargeting targeting, TagConventions tags)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(targeting);
        ArgumentNullException.ThrowIfNull(tags);

        if (account.State != AccountState.Active)
        {
            return AccountSkipReason.NotActive;
        }

        if (!IsTargeted(account, targeting))
        {
            return AccountSkipReason.NotTargeted;
        }

        var optedOut = TagValue.IsTrue(account.Tags, tags.OptOut)
                       || account.OrganizationalUnits.Any(ou => TagValue.IsTrue(ou.Tags, tags.OptOut));
        return optedOut ? AccountSkipReason.OptOut : null;
    }

    /// <summary>
    /// Whether <see cref="Evaluate"/> can get as far as the account's tags: only an ACTIVE account that targeting
    /// selects by id and OU path is ever decided by a tag. Reads nothing but state, id and OU ids, so a caller may ask
    /// before it reads the tags and spare the read for every other account.
    /// </summary>
    public static bool NeedsTags(AccountFacts account, AccountTargeting targeting)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(targeting);
        return account.State == AccountState.Active && IsTargeted(account, targeting);
    }

    private static bool IsTargeted(AccountFacts account, AccountTargeting targeting)
    {
        var ouIds = account.OrganizationalUnits.Select(ou => ou.Id).ToList();
        if (targeting.ExcludeAccounts.Contains(account.AccountId) || ouIds.Any(targeting.ExcludeOrganizationalUnits.Contains))
        {
            return false;
        }

        var includeAll = targeting.IncludeAccounts.Count == 0 && targeting.IncludeOrganizationalUnits.Count == 0;
        return includeAll
               || targeting.IncludeAccounts.Contains(account.AccountId)
               || ouIds.Any(targeting.IncludeOrganizationalUnits.Contains);
    }
}
