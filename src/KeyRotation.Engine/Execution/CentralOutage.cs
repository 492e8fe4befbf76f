using KeyRotation.Engine.Ports;

namespace KeyRotation.Engine.Execution;

/// <summary>
/// Whether the run's central endpoint stopped answering (STS refused connections or did not resolve while an account
/// was being entered). Every account needs it, so once it is gone no further account is started: they are reported
/// Failed at once instead of each spending its retries on a connection nobody answers. Shared by a run's accounts;
/// thread-safe.
/// </summary>
internal sealed class CentralOutage
{
    /// <summary>How the error of an account not started for an outage begins.</summary>
    public const string NotStarted = "not started: AWS stopped answering";

    private string? reason;

    /// <summary>What did not answer (the error's message, never a secret), or null while the endpoints answer.</summary>
    public string? Reason => Volatile.Read(ref reason);

    /// <summary>Notes the error when it says nothing answered.</summary>
    /// <returns>True when it did.</returns>
    public bool Observe(Exception error)
    {
        if (!IsUnreachable(error))
        {
            return false;
        }

        Interlocked.CompareExchange(ref reason, error.Message, null);
        return true;
    }

    public static bool IsUnreachable(Exception error) =>
        error is ServiceException { Kind: FailureKind.Unreachable }
        || error.InnerException is ServiceException { Kind: FailureKind.Unreachable };
}
