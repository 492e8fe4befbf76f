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
    public async Task<bool> CreateAsync(PlannedAction action, UserLog log, CancellationToken cancellationToken)
    {
        NewAccessKey key;
        try
        {
            key = await session.Identity.CreateAccessKeyAsync(log.UserName, cancellationToken);
        }
        catch (ServiceException e) when (e.Kind == FailureKind.LimitExceeded)
        {
            // The user gained a key since it was read: not a crash, the owner has to make room.
            var detail = $"IAM refused a new key ({e.Code}): the user already holds two keys";
            log.Record(ActionKind.Blocked, ReasonCode.KeyLimit, null, Succeeded, detail);
            await notifier.NotifyAsync(OwnerMessages.KeyLimit(log.Account, log.UserName, log.Owner, detail),
                log, null, ReasonCode.KeyLimit);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            log.Record(action, Failed, PlanExecutor.CancelledError);
            return false;
        }
        catch (Exception e)
        {
            log.Record(action, Failed, e.Message);
            return false;
        }

        return log.Policy.SecretDelivery == SecretDelivery.Notification
            ? await SendInNotificationAsync(action, key, log)
            : await StoreAsync(action, key, log);
    }

    private async Task<bool> StoreAsync(PlannedAction action, NewAccessKey key, UserLog log)
    {
        string location;
        try
        {
            location = await session.Secrets.StoreAccessKeyAsync(log.UserName, key, CancellationToken.None);
        }
        catch (Exception e)
        {
            await RollBackAsync(action, key, log, $"storing the secret failed: {Scrub(e.Message, key)}");
            return false;
        }

        log.Record(action, Succeeded, accessKeyId: key.AccessKeyId,
            detail: $"{action.Detail}; secret stored at {location}");
        await notifier.NotifyAsync(
            OwnerMessages.KeyCreated(log.Account, log.UserName, log.Owner, key.AccessKeyId, action.Detail, location),
            log, key.AccessKeyId, action.Reason);
        return true;
    }

    private async Task<bool> SendInNotificationAsync(PlannedAction action, NewAccessKey key, UserLog log)
    {
        var message = OwnerMessages.KeyCreatedWithSecret(log.Account, log.UserName, log.Owner, key, action.Detail);
        if (await notifier.TryPublishAsync(message) is { } error)
        {
            // The message was the only copy of the secret: without it the key is useless, so it goes.
            await RollBackAsync(action, key, log, $"sending the secret in the notification failed: {Scrub(error, key)}");
            return false;
        }

        log.Record(action, Succeeded, accessKeyId: key.AccessKeyId, detail: $"{action.Detail}; secret sent in the notification");
        log.Record(ActionKind.Warn, ReasonCode.SecretSentInNotification, key.AccessKeyId, Succeeded,
            "the secret access key travelled in the SNS message (SecretDelivery=Notification, explicit opt-in)");
        return true;
    }

    private async Task RollBackAsync(PlannedAction action, NewAccessKey key, UserLog log, string why)
    {
        string? deleteError = null;
        try
        {
            await session.Identity.DeleteAccessKeyAsync(log.UserName, key.AccessKeyId, CancellationToken.None);
        }
        catch (Exception e)
        {
            deleteError = Scrub(e.Message, key);
        }

        if (deleteError is null)
        {
            log.Record(action, Failed, $"{why}; the new key was deleted again", key.AccessKeyId);
            log.Record(ActionKind.DeleteKey, ReasonCode.RotationRolledBack, key.AccessKeyId, Succeeded,
                "new key deleted because its secret could not be handed over; the existing keys are unchanged");
        }
        else
        {
            log.Record(action, Failed, $"{why}; deleting the new key failed too", key.AccessKeyId);
            log.Record(ActionKind.DeleteKey, ReasonCode.RotationRolledBack, key.AccessKeyId, Failed,
                "new key could not be deleted after its secret could not be handed over",
                $"key {key.AccessKeyId} exists unhandled (its secret was delivered nowhere); delete it by hand: {deleteError}");
        }

        await notifier.NotifyAsync(
            OwnerMessages.RolledBack(log.Account, log.UserName, log.Owner, key.AccessKeyId, deleteError is null, why),
            log, key.AccessKeyId, ReasonCode.RotationRolledBack);
    }

    /// <summary>A faulty adapter could echo the request; the secret must not ride along into reports.</summary>
    private static string Scrub(string text, NewAccessKey key) => key.SecretAccessKey.RedactFrom(text);
}
