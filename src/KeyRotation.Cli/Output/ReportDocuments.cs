using KeyRotation.Core.Audit;
using KeyRotation.Core.Policy;
using KeyRotation.Engine.Reporting;
using KeyRotation.Simulation.Files;

namespace KeyRotation.Cli.Output;

/// <summary>Maps the engine's report onto the JSON report shape.</summary>
internal static class ReportDocuments
{
    public static ReportDocument From(RunReport report) => new(
        report.RunId,
        InstantText.Format(report.AsOf),
        report.DryRun,
        Policy(report.Policy),
        report.Accounts.Select(Account).ToArray(),
        Summary(report.Summary))
    {
        Notes = report.Notes.Count > 0 ? report.Notes : null,
        UnwrittenAuditEvents = report.UnwrittenAuditEvents.Count > 0 ? report.UnwrittenAuditEvents.Select(Event).ToArray() : null,
    };

    private static PolicyDocument Policy(RotationPolicy policy) =>
        new(policy.RotateAfterDays, policy.DeactivateAfterDays, policy.DeleteAfterDays, policy.IdleDays)
        {
            RecoveryDays = policy.EffectiveRecoveryDays,
            ForceDeactivateAfterDays = policy.ForceDeactivateAfterDays,
            SecretDelivery = policy.SecretDelivery.ToString(),
        };

    private static AccountDocument Account(AccountReport account) =>
        new(account.AccountId, account.AccountName, account.Status.ToString())
        {
            Reason = account.Reason,
            Error = account.Error,
            Actions = account.Actions.Select(Action).ToArray(),
            Notes = account.Notes.Count > 0 ? account.Notes : null,
            UsersOutOfScope = account.UsersOutOfScope,
        };

    private static ActionDocument Action(ActionRecord action) =>
        new(action.UserName, action.AccessKeyId, action.Action.ToString(), action.Reason.ToString(), action.Outcome, action.Detail)
        {
            Error = action.Error,
        };

    private static SummaryDocument Summary(RunSummary summary) => new(
        summary.Accounts,
        summary.Processed,
        summary.Skipped,
        summary.Failed,
        summary.Deferred,
        new SortedDictionary<string, int>(summary.Actions.ToDictionary(), StringComparer.Ordinal),
        summary.Failures.Select(f => new FailureDocument(f.AccountId, f.Error)).ToArray(),
        summary.Retries);

    private static AuditEventDocument Event(AuditEvent e) => new(
        e.EventId, InstantText.Format(e.OccurredAt), e.RunId, e.AccountId, e.UserName, e.AccessKeyId, e.Action, e.Reason,
        e.Outcome, e.Error, e.Detail, e.Actor, e.Policy, e.KeyAgeDays,
        e.LastUsedAt is { } used ? InstantText.Format(used) : null, e.ToolVersion);
}
