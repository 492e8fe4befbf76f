using KeyRotation.Engine.Sweep;

namespace KeyRotation.Engine.Execution;

/// <summary>The run's deadline rules: no account starts with too little time left; no user starts after the deadline.</summary>
internal static class TimeBudget
{
    public const string TimeBudgetReason = "TimeBudget";
    public const string CancelledReason = "Cancelled";

    /// <returns>Why the account must not start (<see cref="TimeBudgetReason"/> or <see cref="CancelledReason"/>), or null.</returns>
    public static string? AccountMustWait(RotationRunOptions options, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return CancelledReason;
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

        return options.Deadline is { } deadline && now >= deadline ? TimeBudgetReason : null;
    }
}
