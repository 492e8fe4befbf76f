using KeyRotation.Core.Audit;
using KeyRotation.Core.Planning;
using KeyRotation.Core.Policy;
using KeyRotation.Engine.Notifications;
using KeyRotation.Engine.Ports;
using static KeyRotation.Core.Audit.AuditOutcome;

namespace KeyRotation.Engine.Execution;

/// <summary>
/// Creates a key and hands its secret over, or takes the key back. Once IAM has created the key, the hand-off and
/// any roll-back run uncancelled: a key whose secret reached nobody must not be left behind.
/// </summary>
internal sealed class KeyHandOff(IAccountSession session, OwnerNotifier notifier)
{
    /// <returns>True when the rest of the user's plan may go on.</returns>
    /// <param name="liveKeyIds">The user's keys when the plan was made, to tell whether a failed create made one.</param>
    public async Task<bool> CreateAsync(
        PlannedAction action, UserLog log, IReadOnlyCollection<string> liveKeyIds, CancellationToken cancellationToken)
    {
        if (await log.IntendAsync(action) is not { } intent)
        {
            log.Record(action, Failed, $"not attempted: the audit store refused its intent: {log.LastAuditError}");
            return false;
        }

        CreateOutcome created;
        try
        {
            created = await CheckedCreate.RunAsync(session.Identity, liveKeyIds, log, cancellationToken);
        }
        catch (ServiceException e) when (e.Kind == FailureKind.LimitExceeded)
        {
            // The user gained a key since it was read: not a crash, the owner has to make room.
            var detail = $"IAM refused a new key ({e.Code}): the user already holds two keys";
            log.Record(ActionKind.Blocked, ReasonCode.KeyLimit, null, Succeeded, detail, intentId: intent);
            await log.FlushAsync();
            await notifier.NotifyAsync(OwnerMessages.KeyLimit(log.Account, log.UserName, log.Owner, detail),
                log, null, ReasonCode.KeyLimit);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // IAM may have created the key: the intent stays open, and the next run takes back a key nobody holds.
            log.Record(action, Failed, PlanExecutor.CancelledError);
            await log.FlushAsync();
            return false;
        }
        catch (Exception e)
        {
            log.Record(action, Failed, log.Fault(e), intentId: MutationFailure.Settled(e) ? intent : null);
            await log.FlushAsync();
            return false;
        }

        if (created is not { Key: { } key })
        {
            await RollBackAsync(action, created.OrphanKeyId!, text => text, log,
                $"IAM answered {created.Error} but created the key anyway, and its secret was lost with the answer", intent);
            return false;
        }

        return log.Policy.SecretDelivery == SecretDelivery.Notification
            ? await SendInNotificationAsync(action, key, log, intent)
            : await StoreAsync(action, key, log, intent);
    }

    private async Task<bool> StoreAsync(PlannedAction action, NewAccessKey key, UserLog log, string createIntent)
    {
        var reason = action.Reason.ToString();
        if (await log.IntendAsync(AuditAction.StoreSecret, reason, key.AccessKeyId,
                $"storing the secret of new key {key.AccessKeyId} for its owner") is not { } intent)
        {
            await RollBackAsync(action, key, log,
                $"the audit store refused the intent to store the secret: {Scrub(log.LastAuditError ?? "", key)}", createIntent);
            return false;
        }

        string location;
        try
        {
            location = await session.Secrets.StoreAccessKeyAsync(log.UserName, key, CancellationToken.None);
        }
        catch (Exception e)
        {
            var error = Scrub(log.Fault(e), key);
            // Whatever the store did, the key is taken back below, so the outcome is known: the hand-off failed.
            log.Audit(AuditAction.StoreSecret, reason, key.AccessKeyId, Failed, "storing the secret failed", error,
                intentId: intent);
            await RollBackAsync(action, key, log, $"storing the secret failed: {error}", createIntent);
            return false;
        }

        log.Audit(AuditAction.StoreSecret, reason, key.AccessKeyId, Succeeded, $"secret stored at {location}", intentId: intent);
        log.Record(action, Succeeded, accessKeyId: key.AccessKeyId,
            detail: $"{action.Detail}; secret stored at {location}", intentId: createIntent);
        await log.FlushAsync();
        await notifier.NotifyAsync(
            OwnerMessages.KeyCreated(log.Account, log.UserName, log.Owner, key.AccessKeyId, action.Detail, location),
            log, key.AccessKeyId, action.Reason);
        return true;
    }

    private async Task<bool> SendInNotificationAsync(PlannedAction action, NewAccessKey key, UserLog log, string createIntent)
    {
        var message = OwnerMessages.KeyCreatedWithSecret(log.Account, log.UserName, log.Owner, key, action.Detail);
        if (await notifier.TryPublishAsync(message) is { } error)
        {
            // The message was the only copy of the secret: without it the key is useless, so it goes.
            await RollBackAsync(action, key, log, $"sending the secret in the notification failed: {Scrub(error, key)}", createIntent);
            return false;
        }

        log.Record(action, Succeeded, accessKeyId: key.AccessKeyId, detail: $"{action.Detail}; secret sent in the notification",
            intentId: createIntent);
        log.Record(ActionKind.Warn, ReasonCode.SecretSentInNotification, key.AccessKeyId, Succeeded,
            "the secret access key travelled in the SNS message (SecretDelivery=Notification, explicit opt-in)");
        await log.FlushAsync();
        return true;
    }

    private Task RollBackAsync(PlannedAction action, NewAccessKey key, UserLog log, string why, string createIntent) =>
        RollBackAsync(action, key.AccessKeyId, text => Scrub(text, key), log, why, createIntent);

    /// <param name="scrub">Takes the new key's secret out of an error text, where there is a secret.</param>
    /// <param name="createIntent">The create's intent, resolved here: the key was made and is recorded with it.</param>
    private async Task RollBackAsync(
        PlannedAction action, string accessKeyId, Func<string, string> scrub, UserLog log, string why, string createIntent)
    {
        string? deleteError = null;
        var intent = await log.IntendAsync(nameof(ActionKind.DeleteKey), nameof(ReasonCode.RotationRolledBack), accessKeyId,
            $"taking back new key {accessKeyId}: its secret could not be handed over");
        if (intent is null)
        {
            deleteError = $"not attempted: the audit store refused its intent: {scrub(log.LastAuditError ?? "")}";
        }
        else
        {
            try
            {
                await session.Identity.DeleteAccessKeyAsync(log.UserName, accessKeyId, CancellationToken.None);
            }
            catch (Exception e)
            {
                deleteError = scrub(log.Fault(e));
            }
        }

        if (deleteError is null)
        {
            log.Record(action, Failed, $"{why}; the new key was deleted again", accessKeyId, intentId: createIntent);
            log.Record(ActionKind.DeleteKey, ReasonCode.RotationRolledBack, accessKeyId, Succeeded,
                "new key deleted because its secret could not be handed over; the existing keys are unchanged", intentId: intent);
        }
        else
        {
            // The next run's reconciliation finds this key (created, never handed over) and takes it back.
            log.Record(action, Failed, $"{why}; deleting the new key failed too", accessKeyId, intentId: createIntent);
            log.Record(ActionKind.DeleteKey, ReasonCode.RotationRolledBack, accessKeyId, Failed,
                "new key could not be deleted after its secret could not be handed over",
                $"key {accessKeyId} exists unhandled (its secret was delivered nowhere); the next run deletes it, " +
                $"or delete it by hand: {deleteError}", intentId: intent);
        }

        await log.FlushAsync();
        await notifier.NotifyAsync(
            OwnerMessages.RolledBack(log.Account, log.UserName, log.Owner, accessKeyId, deleteError is null, why),
            log, accessKeyId, ReasonCode.RotationRolledBack);
    }

    /// <summary>A faulty adapter could echo the request; the secret must not ride along into reports.</summary>
    private static string Scrub(string text, NewAccessKey key) => key.SecretAccessKey.RedactFrom(text);
}
