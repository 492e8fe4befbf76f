using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Iam;

namespace KeyRotation.Engine.Discovery.CredentialReports;

/// <summary>
/// Gets an account's credential report: GenerateCredentialReport (IAM reuses one younger than four hours), asked
/// again every <paramref name="pollInterval"/> from the first request while it answers STARTED or INPROGRESS, at
/// most <paramref name="maxPolls"/> times more, then GetCredentialReport. Started and finished apart, so the caller
/// can page users while the report is generated.
/// </summary>
internal sealed class CredentialReportSource(IIamOperations iam, TimeProvider time, TimeSpan pollInterval, int maxPolls)
{
    private const string PerKeyInstead = "discovered keys per user instead (ListAccessKeys, GetAccessKeyLastUsed)";

    /// <summary>
    /// The first GenerateCredentialReport, or null with a note when it is refused. Throttling is passed on so that
    /// the engine's retry paces the account instead of this falling back to many more calls; cancellation too.
    /// </summary>
    public async Task<PendingCredentialReport?> TryStartAsync(ICollection<string> notes, CancellationToken cancellationToken)
    {
        try
        {
            var status = await iam.GenerateCredentialReportAsync(cancellationToken).ConfigureAwait(false);
            return new PendingCredentialReport(status, time.GetTimestamp());
        }
        catch (ServiceException e) when (e.Kind != FailureKind.Throttling)
        {
            notes.Add(Unavailable(e));
            return null;
        }
    }

    /// <summary>
    /// Polls a started report until COMPLETE and reads it; null with a note when it cannot be had (still in
    /// progress, refused, expired, unreadable). Throttling and cancellation are passed on as in <see cref="TryStartAsync"/>.
    /// </summary>
    public async Task<CredentialReport?> TryFinishAsync(
        PendingCredentialReport pending, ICollection<string> notes, CancellationToken cancellationToken)
    {
        try
        {
            for (var (poll, status) = (0, pending.Status); status != CredentialReportState.Complete; poll++)
            {
                if (poll == maxPolls)
                {
                    notes.Add($"credential report still in progress after {maxPolls} polls; {PerKeyInstead}");
                    return null;
                }

                // Time spent paging users meanwhile counts towards the wait.
                var due = pollInterval * (poll + 1) - time.GetElapsedTime(pending.StartedAt);
                if (due > TimeSpan.Zero) await Task.Delay(due, time, cancellationToken).ConfigureAwait(false);
                status = await iam.GenerateCredentialReportAsync(cancellationToken).ConfigureAwait(false);
            }

            var report = await iam.GetCredentialReportAsync(cancellationToken).ConfigureAwait(false);
            return new CredentialReport(report.GeneratedAt, CredentialReportParser.Parse(report.Csv));
        }
        catch (ServiceException e) when (e.Kind != FailureKind.Throttling)
        {
            notes.Add(Unavailable(e));
            return null;
        }
        catch (FormatException e)
        {
            notes.Add($"credential report unreadable ({e.Message}); {PerKeyInstead}");
            return null;
        }
    }

    private static string Unavailable(ServiceException e) =>
        $"credential report unavailable ({e.Operation} failed: {e.Code}); {PerKeyInstead}";
}

/// <summary>The state the last GenerateCredentialReport gave, and when the first one answered (a TimeProvider timestamp).</summary>
internal sealed record PendingCredentialReport(CredentialReportState Status, long StartedAt);
