using KeyRotation.Core.Facts;

namespace KeyRotation.Engine.Organization;

/// <summary>
/// Organizations' account states. PENDING_ACTIVATION, a missing state and any state added later read as
/// <see cref="AccountState.Suspended"/>: not usable, so the engine skips the account rather than guessing.
/// </summary>
public static class AccountStates
{
    public const string Active = "ACTIVE";
    public const string Suspended = "SUSPENDED";
    public const string PendingClosure = "PENDING_CLOSURE";
    public const string Closed = "CLOSED";

    public static AccountState Parse(string? state) => state switch
    {
        Active => AccountState.Active,
        PendingClosure => AccountState.PendingClosure,
        Closed => AccountState.Closed,
        _ => AccountState.Suspended,
    };

    /// <summary>How Organizations spells <paramref name="state"/> (for an in-memory Organizations).</summary>
    public static string Format(AccountState state) => state switch
    {
        AccountState.Active => Active,
        AccountState.PendingClosure => PendingClosure,
        AccountState.Closed => Closed,
        _ => Suspended,
    };
}
