using KeyRotation.Core.Facts;
using KeyRotation.Core.Planning;
using KeyRotation.Engine.Notifications;
using KeyRotation.Engine.Ports;
using static KeyRotation.Core.Audit.AuditOutcome;

namespace KeyRotation.Engine.Execution;

/// <summary>
/// Performs one user's fresh plan in order. After a mutation fails the rest is not attempted (and reported so):
/// carrying on against a user in an unexpected state could leave the keys worse than before.
/// </summary>
internal sealed class PlanExecutor(IAccountSession session, OwnerNotifier notifier)
{
    public const string CancelledError = "run cancelled; the change may or may not have been applied";

    private readonly KeyHandOff handOff = new(session, notifier);

    /// <param name="liveKeyIds">The user's keys as read right before planning, so a create can be checked.</param>
    public async Task ExecuteAsync(
        UserPlan plan, UserLog log, IReadOnlyCollection<string> liveKeyIds, CancellationToken cancellationToken)
    {
        string? halted = null;
        foreach (var action in plan.Actions)
        {
            if (!action.IsMutation)
            {
                await DecisionAsync(action, log);
                continue;
            }

            if (halted is null && log.Run.Options.Stopping.IsCancellationRequested)
            {
                // A graceful stop: no new mutation, and none recorded as failed; the account is reported Interrupted.
                log.StoppedBy = TimeBudget.StoppedReason;
                return;
            }

            if (halted is null && cancellationToken.IsCancellationRequested)
            {
                halted = "run cancelled";
            }

            if (halted is not null)
            {
                log.Record(action, Failed, $"not attempted: {halted}");
                continue;
            }

            var goOn = action.Action switch
            {
                ActionKind.CreateKey => await handOff.CreateAsync(action, log, liveKeyIds, cancellationToken),
                ActionKind.DeactivateKey => await ChangeKeyAsync(action, log, deactivate: true, cancellationToken),
                _ => await ChangeKeyAsync(action, log, deactivate: false, cancellationToken),
            };
            if (!goOn)
            {
                halted = "an earlier change for this user failed";
            }
        }
    }

    /// <summary>Skip, Warn and Blocked change nothing: recorded as carried out, owners told where it matters.</summary>
    public async Task<bool> DecisionAsync(PlannedAction action, UserLog log)
    {
        log.Record(action, Succeeded);
        var message = (action.Action, action.Reason) switch
        {
            (ActionKind.Warn, ReasonCode.StillInUse) =>
                OwnerMessages.StillInUse(log.Account, log.UserName, log.Owner, action.AccessKeyId, action.Detail),
            (ActionKind.Blocked, ReasonCode.KeyLimit) =>
                OwnerMessages.KeyLimit(log.Account, log.UserName, log.Owner, action.Detail),
            _ => null,
        };
        if (message is not null)
        {
            await notifier.NotifyAsync(message, log, action.AccessKeyId, action.Reason);
        }

        return true;
    }

    private async Task<bool> ChangeKeyAsync(PlannedAction action, UserLog log, bool deactivate, CancellationToken cancellationToken)
    {
        var keyId = action.AccessKeyId
            ?? throw new InvalidOperationException($"planner gave {action.Action} for user {log.UserName} without a key id");
        if (await log.IntendAsync(action) is not { } intent)
        {
            log.Record(action, Failed, $"not attempted: the audit store refused its intent: {log.LastAuditError}");
            return false;
        }

        try
        {
            if (deactivate)
            {
                await session.Identity.UpdateAccessKeyStatusAsync(log.UserName, keyId, AccessKeyStatus.Inactive, cancellationToken);
            }
            else
            {
                await session.Identity.DeleteAccessKeyAsync(log.UserName, keyId, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // May or may not have happened: the intent stays open for the next run to reconcile.
            log.Record(action, Failed, CancelledError);
            await log.FlushAsync();
            return false;
        }
        catch (Exception e)
        {
            log.Record(action, Failed, log.Fault(e), intentId: MutationFailure.Settled(e) ? intent : null);
            await log.FlushAsync();
            return false;
        }

        log.Record(action, Succeeded, intentId: intent);
        await log.FlushAsync();
        var reason = action.Reason.ToString();
        var message = deactivate
            ? OwnerMessages.KeyDeactivated(log.Account, log.UserName, log.Owner, keyId, reason, action.Detail)
            : OwnerMessages.KeyDeleted(log.Account, log.UserName, log.Owner, keyId, reason, action.Detail);
        await notifier.NotifyAsync(message, log, keyId, action.Reason);
        return true;
    }
}
