
using KeyRotation.Engine.Runs;

namespace KeyRotation.Engine.Execution;

/// <summary>
/// The run's deadline and stop rules: no account starts with too little time left; no user starts after the deadline;
/// nothing starts once the run is stopping or cancelled.
/// </summary>
internal static class TimeBudget
{
    public const string TimeBudgetReason = "TimeBudget";
    public const string CancelledReason = "Cancelled";

    /// <summary>The graceful stop (<see cref="RotationRunOptions.Stopping"/>) was requested.</summary>
    public const string StoppedReason = "Stopped";

    /// <summary>Whether a reason of <see cref="AccountMustWait"/> or <see cref="UserMustWait"/> makes the account Interrupted
    /// (the run was stopped) rather than Deferred (the time budget).</summary>
    public static bool IsInterruption(string reason) => reason is CancelledReason or StoppedReason;

    /// <returns>Why the account must not start (<see cref="TimeBudgetReason"/> or <see cref="CancelledReason"/>), or null.</returns>
    public static string? AccountMustWait(RotationRunOptions options, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return CancelledReason;
        }

        if (options.Stopping.IsCancellationRequested)
        {
            return StoppedReason;
        }

        return options.Deadline is { } deadline && deadline - now < options.MinimumTimePerAccount ? TimeBudgetReason : null;
    }

    /// <returns>Why no further user of a started account may begin, or null.</returns>
    public static string? UserMustWait(RotationRunOptions options, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return CancelledReason;
        }

        if (options.Stopping.IsCancellationRequested)
        {
            return StoppedReason;
        }

        return options.Deadline is { } deadline && now >= deadline ? TimeBudgetReason : null;
    }
}
