using KeyRotation.Engine.Reporting;
using KeyRotation.Lambda.Logging;
using KeyRotation.Lambda.Runtime;
using Microsoft.Extensions.Logging;

namespace KeyRotation.Lambda.Events;

/// <summary>One log line per account outcome; AccountFailed and AccountDeferred feed the template's metric filters.</summary>
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
            default:
                HostLog.AccountDone(logger, "Account" + account.Status, account.AccountId, account.AccountName,
                    account.Status.ToString(), account.Reason is null ? "" : $" ({account.Reason})", account.Actions.Count);
                break;
        }
    }
}
