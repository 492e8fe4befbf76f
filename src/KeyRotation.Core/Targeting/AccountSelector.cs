using KeyRotation.Core.Facts;
using KeyRotation.Core.Tags;

namespace KeyRotation.Core.Targeting;

/// <summary>Decides whether a run processes an account: state, targeting flags, then opt-out tags (account or any OU above it).</summary>
public static class AccountSelector
{
    /// <returns>null when the account is processed; otherwise why it is skipped.</returns>
    public static AccountSkipReason? Evaluate(AccountFacts account, AccountTargeting targeting, TagConventions tags) =>
        throw new NotImplementedException("selector pending (branch core)");
}
