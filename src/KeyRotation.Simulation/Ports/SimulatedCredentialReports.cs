using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Iam;
using KeyRotation.Simulation.Model;

namespace KeyRotation.Simulation.Ports;

/// <summary>
/// Every account's credential report, with IAM's rules: GenerateCredentialReport reuses a report younger than
/// <see cref="SimulatedIamOptions.ReportMaxAge"/> and otherwise starts one that is ready after
/// <see cref="SimulatedIamOptions.ReportGenerationTime"/>; GetCredentialReport serves the current report or fails
/// with ReportNotPresent, ReportExpired or ReportInProgress. A report's content is the organization at the moment
/// generation started, so changes since make it stale.
/// </summary>
public sealed class SimulatedCredentialReports
{
    private readonly SimulatedWorld world;
    private readonly Dictionary<string, CredentialReport> current = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CredentialReport> generating = new(StringComparer.Ordinal);

    internal SimulatedCredentialReports(SimulatedWorld world) => this.world = world;

    /// <summary>The report GetCredentialReport would serve if asked now, or null.</summary>
    public CredentialReport? Current(string accountId)
    {
        lock (world.Sync)
        {
            Promote(accountId, world.Time.GetUtcNow());
            return current.GetValueOrDefault(accountId);
        }
    }

    /// <summary>Makes the report of every account a snapshot of it as it is now, dated <paramref name="generatedAt"/>.</summary>
    public void CaptureAll(DateTimeOffset generatedAt)
    {
        lock (world.Sync)
        {
            foreach (var account in world.Organization.Accounts)
            {
                current[account.Id] = Snapshot(account, generatedAt);
                generating.Remove(account.Id);
            }
        }
    }

    internal CredentialReportState Generate(SimulatedAccount account, DateTimeOffset now)
    {
        lock (world.Sync)
        {
            Promote(account.Id, now);
            if (current.TryGetValue(account.Id, out var report) && now - report.GeneratedAt < world.Iam.ReportMaxAge)
            {
                return CredentialReportState.Complete;
            }

            if (generating.ContainsKey(account.Id))
            {
                return CredentialReportState.InProgress;
            }

            generating[account.Id] = Snapshot(account, now);
            return CredentialReportState.Started;
        }
    }

    /// <exception cref="ServiceException">ReportInProgress (404), ReportNotPresent or ReportExpired (410).</exception>
    internal CredentialReport Get(string accountId, DateTimeOffset now)
    {
        lock (world.Sync)
        {
            Promote(accountId, now);
            var inProgress = generating.ContainsKey(accountId);
            if (!current.TryGetValue(accountId, out var report))
            {
                throw inProgress
                    ? Error("ReportInProgress", 404, "the credential report is still being generated")
                    : Error("ReportNotPresent", 410, "no credential report exists; call GenerateCredentialReport");
            }

            if (now - report.GeneratedAt >= world.Iam.ReportMaxAge)
            {
                throw inProgress
                    ? Error("ReportInProgress", 404, "the credential report is still being generated")
                    : Error("ReportExpired", 410, "the credential report has expired; call GenerateCredentialReport");
            }

            return report;
        }
    }

    private void Promote(string accountId, DateTimeOffset now)
    {
        if (generating.TryGetValue(accountId, out var pending) && now - pending.GeneratedAt >= world.Iam.ReportGenerationTime)
        {
            current[accountId] = pending;
            generating.Remove(accountId);
        }
    }

    private static CredentialReport Snapshot(SimulatedAccount account, DateTimeOffset generatedAt) => new(
        account.Id,
        generatedAt,
        account.Users.ToDictionary(
            u => u.Name,
            u => new CredentialReportRow(u.Name, SimulatedIamOperations.ArnOf(account.Id, u), u.AccessKeys.OrderBy(k => k.CreatedAt)
                .Select(k => new CredentialReportKey(k.Status == AccessKeyStatus.Active, k.CreatedAt, k.LastUsedAt)).ToArray()),
            StringComparer.Ordinal));

    private static ServiceException Error(string code, int status, string detail) =>
        new(OperationNames.Iam, OperationNames.GetCredentialReport, code, FailureKind.Final, status, detail: detail);
}
