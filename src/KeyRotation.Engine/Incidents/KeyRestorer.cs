using KeyRotation.Core.Facts;
using KeyRotation.Core.Incidents;
using KeyRotation.Core.Planning;
using KeyRotation.Engine.Execution;
using KeyRotation.Engine.Notifications;
using static KeyRotation.Core.Audit.AuditOutcome;

namespace KeyRotation.Engine.Incidents;

/// <summary>
/// Restores one located key: Active again when this tool deactivated it (the audit trail's last deactivation or
/// revoke, or the identity store's own record) and its recovery window is still open; otherwise refused, unless
/// forced. A key already Active is left alone.
/// </summary>
internal sealed class KeyRestorer(RunContext run, IncidentRequest request)
{
    /// <exception cref="IncidentRefusedException">Not deactivated by this tool, or past its window, without force.</exception>
    public async Task RunAsync(LocatedKey located, UserLog log, CancellationToken cancellationToken)
    {
        var audited = await run.Services.AuditLog.LastDeactivationsAsync(
            located.Account.AccountId, [located.Key.AccessKeyId], cancellationToken);
        var user = FactMerger.Merge(located.User, audited);
        var key = user.AccessKeys.First(k => k.AccessKeyId == located.Key.AccessKeyId);
        var verdict = IncidentRules.Restore(key, located.Account, user, run.Options.Policy, run.Options.Tags, run.Options.AsOf,
            request.Force);
        switch (verdict.Decision)
        {
            case RestoreDecision.AlreadyActive:
                log.Note($"{verdict.Detail}; nothing to restore");
                return;
            case RestoreDecision.NotDeactivatedByTool:
                throw new IncidentRefusedException(IncidentRefusal.NotDeactivatedByTool, verdict.Detail);
            case RestoreDecision.OutsideRecoveryWindow:
                throw new IncidentRefusedException(IncidentRefusal.OutsideRecoveryWindow, verdict.Detail);
        }

        var restore = new PlannedAction(ActionKind.RestoreKey, ReasonCode.Restored, user.UserName, key.AccessKeyId,
            verdict.Detail, LastUsedAt: key.LastUsedAt);
        if (run.Options.DryRun)
        {
            log.Record(restore, Planned);
            return;
        }

        if (await log.IntendAsync(restore) is not { } intent)
        {
            log.Record(restore, Failed, $"not attempted: the audit store refused its intent: {log.LastAuditError}");
            return;
        }

        try
        {
            await located.Session.Identity.UpdateAccessKeyStatusAsync(
                user.UserName, key.AccessKeyId, AccessKeyStatus.Active, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            log.Record(restore, Failed, log.Fault(e), intentId: MutationFailure.Settled(e) ? intent : null);
            return;
        }

        log.Record(restore, Succeeded, intentId: intent);
        await log.FlushAsync();
        await new OwnerNotifier(run.Services.Notifier).NotifyAsync(
            OwnerMessages.KeyRestored(located.Account, log.UserName, log.Owner, key.AccessKeyId, verdict.Detail, run.Options.Actor),
            log, key.AccessKeyId, ReasonCode.Restored);
    }
}
