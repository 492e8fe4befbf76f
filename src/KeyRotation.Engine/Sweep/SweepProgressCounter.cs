using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Runs;

namespace KeyRotation.Engine.Sweep;

/// <summary>
/// Counts a sweep's accounts as they come through and hands each count to the host's progress callback. Reports
/// are made one at a time under a lock, so the callback sees counts in order and need not be thread-safe itself.
/// </summary>
internal sealed class SweepProgressCounter
{
    private readonly Lock gate = new();
    private readonly RotationServices services;
    private readonly long started;
    private IProgress<SweepProgress>? progress;
    private int? accounts;
    private int processed;
    private int failed;
    private int deferred;
    private int skipped;
    private int interrupted;

    public SweepProgressCounter(IProgress<SweepProgress>? progress, RotationServices services)
    {
        this.progress = progress;
        this.services = services;
        started = services.Time.GetTimestamp();
        lock (gate)
        {
            Report();
        }
    }

    public void Listed(AccountSelection selection)
    {
        lock (gate)
        {
            accounts = selection.Targets.Count + selection.Skipped.Count;
            foreach (var account in selection.Skipped)
            {
                Count(account.Status);
            }

            Report();
        }
    }

    public void Through(AccountReport account)
    {
        lock (gate)
        {
            Count(account.Status);
            Report();
        }
    }

    private void Count(AccountStatus status)
    {
        switch (status)
        {
            case AccountStatus.Processed: processed++; break;
            case AccountStatus.Failed: failed++; break;
            case AccountStatus.Deferred: deferred++; break;
            case AccountStatus.Skipped: skipped++; break;
            case AccountStatus.Interrupted: interrupted++; break;
        }
    }

    private void Report()
    {
        if (progress is null)
        {
            return;
        }

        try
        {
            progress.Report(new SweepProgress(accounts, processed, failed, deferred, skipped, interrupted,
                services.Retries?.Count ?? 0, services.Time.GetElapsedTime(started)));
        }
        catch (Exception)
        {
            // A broken display must not end the run between two accounts (they would go unreported and unaudited);
            // the run goes on without it.
            progress = null;
        }
    }
}
