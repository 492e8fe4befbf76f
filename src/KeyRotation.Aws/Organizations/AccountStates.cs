using KeyRotation.Core.Facts;

namespace KeyRotation.Aws.Organizations;

/// <summary>
/// Organizations' account states. PENDING_ACTIVATION, a missing state and any state added later read as
/// <see cref="AccountState.Suspended"/>: not usable, so the engine skips the account rather than guessing.
/// </summary>
internal static class AccountStates
{
    public static AccountState Parse(string? state) => state switch
    {
        "ACTIVE" => AccountState.Active,
        "PENDING_CLOSURE" => AccountState.PendingClosure,
        "CLOSED" => AccountState.Closed,
        _ => AccountState.Suspended,
    };
}
