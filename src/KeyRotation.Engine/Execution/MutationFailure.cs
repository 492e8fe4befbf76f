using KeyRotation.Engine.Ports;

namespace KeyRotation.Engine.Execution;

/// <summary>Whether a failed mutation is known not to have changed anything, so its outcome can be recorded.</summary>
internal static class MutationFailure
{
    /// <summary>
    /// True when the service refused the call (access denied, limit, not found, invalid): nothing changed. False for
    /// a timeout, a 5xx, a dropped connection, a cancelled call or any other error: the change may have been made,
    /// so no outcome is recorded and the intent stays open for the next run to reconcile against the real keys.
    /// </summary>
    public static bool Settled(Exception error) => error is ServiceException { IsRetryable: false };
}
