using KeyRotation.Engine.Sweep;
using KeyRotation.Lambda.Logging;
using Microsoft.Extensions.Logging;

namespace KeyRotation.Lambda.Events;

/// <summary>
/// A sweep's progress in the function's log: one SweepProgress line once the accounts are listed, then one per
/// <see cref="Every"/> accounts through and one when the last is. A sweep cut off by the function timeout leaves no
/// answer and its per-account lines come only at the end, so these lines are what shows how far it got.
/// </summary>
internal sealed class ProgressLog(ILogger logger, string runId) : IProgress<SweepProgress>
{
    public const string Event = "SweepProgress";

    /// <summary>Default 100: ten lines for a 1,000-account sweep, a hundred at the 10,000 Organizations allows.</summary>
    public const int Every = 100;

    private int? nextAt;

    /// <summary>Called one report at a time (<see cref="OrganizationSweep.Progress"/>).</summary>
    public void Report(SweepProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Accounts is not { } accounts || (nextAt is { } next && value.Done < next && value.Done < accounts))
        {
            return;
        }

        nextAt = (value.Done / Every + 1) * Every;
        HostLog.SweepProgress(logger, Event, runId, value.Done, accounts, value.Processed, value.Failed, value.Deferred,
            value.Skipped, value.Retries, (long)value.Elapsed.TotalSeconds);
    }
}
