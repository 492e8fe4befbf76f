using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Iam.CredentialReports;

/// <summary>
/// Gets an account's credential report: GenerateCredentialReport (IAM reuses one younger than four hours), asked
/// again after <paramref name="pollInterval"/> while it answers STARTED or INPROGRESS, at most
/// <paramref name="maxPolls"/> times more, then GetCredentialReport.
/// </summary>
internal sealed class CredentialReportSource(IamClient iam, TimeProvider time, TimeSpan pollInterval, int maxPolls)
{
    private const string PerKeyInstead = "discovered keys per user instead (ListAccessKeys, GetAccessKeyLastUsed)";

    /// <summary>
    /// The report, or null with a note when it cannot be had (still in progress, refused, expired, unreadable).
    /// Throttling is passed on so that the engine's retry paces the account instead of this falling back to many
    /// more calls; cancellation is passed on too.
    /// </summary>
    public async Task<CredentialReport?> TryGetAsync(ICollection<string> notes, CancellationToken cancellationToken)
    {
        try
        {
            for (var poll = 0; await iam.GenerateCredentialReportAsync(cancellationToken).ConfigureAwait(false) != IamClient.ReportComplete; poll++)
            {
                if (poll == maxPolls)
                {
                    notes.Add($"credential report still in progress after {maxPolls} polls; {PerKeyInstead}");
                    return null;
                }

                await Task.Delay(pollInterval, time, cancellationToken).ConfigureAwait(false);
            }

            var report = await iam.GetCredentialReportAsync(cancellationToken).ConfigureAwait(false);
            return new CredentialReport(report.GeneratedAt, CredentialReportParser.Parse(report.Csv));
        }
        catch (ServiceException e) when (e.Kind != FailureKind.Throttling)
        {
            notes.Add($"credential report unavailable ({e.Operation} failed: {e.Code}); {PerKeyInstead}");
            return null;
        }
        catch (FormatException e)
        {
            notes.Add($"credential report unreadable ({e.Message}); {PerKeyInstead}");
            return null;
        }
    }
}
