
using KeyRotation.Engine.Resilience.Breakers;

namespace KeyRotation.Engine.Execution;

/// <summary>
/// Whether the resilience layer gave the account up during its turn (<see cref="AccountGivenUpException"/>). Once it
/// has, no further user of the account is started and the account is reported Failed with the reason; the users
/// already in flight finish, because a key they created must still be handed off or taken back. Shared by the
/// account's user turns; thread-safe.
/// </summary>
internal sealed class AccountGiveUp
{
    private string? reason;

    /// <summary>The given-up exception's message (it names the last failure, never a secret), or null.</summary>
    public string? Reason => Volatile.Read(ref reason);

    /// <summary>Notes the error if it gave the account up.</summary>
    /// <returns>The error's message, for the record the caller is writing.</returns>
    public string Observe(Exception error)
    {
        if (error is AccountGivenUpException givenUp)
        {
            Interlocked.CompareExchange(ref reason, givenUp.Message, null);
        }

        return error.Message;
    }
}
