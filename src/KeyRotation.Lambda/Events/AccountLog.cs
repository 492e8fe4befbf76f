using KeyRotation.Core.Audit;
using KeyRotation.Engine.Reporting;
using KeyRotation.Lambda.Logging;
using KeyRotation.Lambda.Runtime;
using Microsoft.Extensions.Logging;

namespace KeyRotation.Lambda.Events;

/// <summary>One log line per account outcome; AccountFailed, AccountDeferred and ActionsFailed feed the template's metric filters.</summary>
internal static class AccountLog
{
    public static void Write(ILogger logger, AccountReport account)
    {
        switch (account.Status)
        {
            case AccountStatus.Failed:
                HostLog.AccountFailed(logger, HostLog.AccountFailedEvent, account.AccountId, account.AccountName,
                    ErrorRedaction.Redact(account.Error));
                break;
            case AccountStatus.Deferred:
                HostLog.AccountDeferred(logger, HostLog.AccountDeferredEvent, account.AccountId, account.AccountName);
                break;
            case AccountStatus.Interrupted:
                HostLog.AccountInterrupted(logger, HostLog.AccountInterruptedEvent, account.AccountId, account.AccountName,
                    account.Reason ?? "stopped", account.Actions.Count);
                break;
            default:
                HostLog.AccountDone(logger, "Account" + account.Status, account.AccountId, account.AccountName,
                    account.Status.ToString(), account.Reason is null ? "" : $" ({account.Reason})", account.Actions.Count);
                break;
        }

        // A failed action is a failure even in a processed account; its own line so the alarm counts actions.
        var failed = account.Actions.Where(a => a.Outcome == AuditOutcome.Failed).ToArray();
        if (failed.Length > 0)
        {
            var first = failed[0];
            HostLog.ActionsFailed(logger, HostLog.ActionsFailedEvent, account.AccountId, account.AccountName, failed.Length,
                ErrorRedaction.Redact($"user {first.UserName}: {first.Action} ({first.Reason}): {first.Error}"));
        }
    }
}
