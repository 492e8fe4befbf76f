using Microsoft.Extensions.Logging;

namespace KeyRotation.Lambda.Logging;

/// <summary>
/// Every log line the host writes. Each carries an <c>eventName</c>, which the JSON console formatter puts at
/// <c>$.State.eventName</c> for the template's metric filters. Nothing here takes a secret.
/// </summary>
internal static partial class HostLog
{
    public const string AccountFailedEvent = "AccountFailed";
    public const string AccountDeferredEvent = "AccountDeferred";
    public const string ActionsFailedEvent = "ActionsFailed";
    public const string AccountInterruptedEvent = "AccountInterrupted";

    [LoggerMessage(1, LogLevel.Information,
        "{eventName}: member role {memberRoleName}, audit table {auditTable}, dry run {dryRun}, policy {policy}, tag prefix {tagPrefix}, accounts in flight {maxAccountsInFlight}")]
    public static partial void Initialized(ILogger logger, string eventName, string memberRoleName, string auditTable, bool dryRun,
        string policy, string tagPrefix, int maxAccountsInFlight);

    [LoggerMessage(2, LogLevel.Critical, "{eventName}: {problems}")]
    public static partial void ConfigurationInvalid(ILogger logger, string eventName, string problems);

    [LoggerMessage(3, LogLevel.Information, "{eventName}: mode {mode}, run {runId}, dry run {dryRun}")]
    public static partial void InvocationStarted(ILogger logger, string eventName, string mode, string runId, bool dryRun);

    [LoggerMessage(4, LogLevel.Information, "{eventName}: {responseBytes} bytes")]
    public static partial void InvocationSucceeded(ILogger logger, string eventName, int responseBytes);

    [LoggerMessage(5, LogLevel.Error, "{eventName}: {errorType}: {errorMessage}")]
    public static partial void InvocationFailed(ILogger logger, string eventName, string errorType, string errorMessage);

    [LoggerMessage(6, LogLevel.Information, "{eventName}: account {accountId} ({accountName}) {status}{reason}, {actions} actions")]
    public static partial void AccountDone(ILogger logger, string eventName, string accountId, string accountName, string status,
        string reason, int actions);

    [LoggerMessage(7, LogLevel.Error, "{eventName}: account {accountId} ({accountName}): {error}")]
    public static partial void AccountFailed(ILogger logger, string eventName, string accountId, string accountName, string error);

    [LoggerMessage(8, LogLevel.Warning, "{eventName}: account {accountId} ({accountName}) deferred: the time budget ran out")]
    public static partial void AccountDeferred(ILogger logger, string eventName, string accountId, string accountName);

    [LoggerMessage(9, LogLevel.Information,
        "{eventName}: run {runId}: {accounts} accounts, {processed} processed, {skipped} skipped, {failed} failed, {deferred} deferred")]
    public static partial void RunFinished(ILogger logger, string eventName, string runId, int accounts, int processed, int skipped,
        int failed, int deferred);

    [LoggerMessage(10, LogLevel.Information, "{eventName}: run {runId}: {count} accounts targeted")]
    public static partial void TargetsListed(ILogger logger, string eventName, string runId, int count);

    [LoggerMessage(11, LogLevel.Warning, "{eventName}: the response had {bytes} bytes; account actions were left out (the audit table has them)")]
    public static partial void ResponseCompacted(ILogger logger, string eventName, int bytes);

    [LoggerMessage(12, LogLevel.Warning, "{eventName}: the Runtime API handed out no further event; the host stops")]
    public static partial void RuntimeApiClosed(ILogger logger, string eventName);

    [LoggerMessage(13, LogLevel.Error, "{eventName}: {errorType}: {errorMessage}")]
    public static partial void InitFailed(ILogger logger, string eventName, string errorType, string errorMessage);

    /// <summary>Any failed action, in an account of any status: the FailedActions metric sums failedActions.</summary>
    [LoggerMessage(14, LogLevel.Error, "{eventName}: account {accountId} ({accountName}): {failedActions} actions failed; first: {error}")]
    public static partial void ActionsFailed(ILogger logger, string eventName, string accountId, string accountName, int failedActions,
        string error);

    [LoggerMessage(15, LogLevel.Warning, "{eventName}: account {accountId} ({accountName}) interrupted: the run was stopped ({reason}), {actions} actions done")]
    public static partial void AccountInterrupted(ILogger logger, string eventName, string accountId, string accountName, string reason,
        int actions);

    [LoggerMessage(16, LogLevel.Information,
        "{eventName}: report {runId}: {surveyed} accounts surveyed, {skipped} skipped, {failed} failed; active keys within 90 days {withinNinetyDays}, within policy {withinPolicy}")]
    public static partial void ReportFinished(ILogger logger, string eventName, string runId, int surveyed, int skipped, int failed,
        string withinNinetyDays, string withinPolicy);

    [LoggerMessage(17, LogLevel.Information, "{eventName}: report {runId} written to s3://{bucket}/{jsonKey} and {htmlKey}")]
    public static partial void ReportStored(ILogger logger, string eventName, string runId, string bucket, string jsonKey, string htmlKey);

    [LoggerMessage(18, LogLevel.Information,
        "{eventName}: run {runId}: {done}/{accounts} accounts, {processed} processed, {failed} failed, {deferred} deferred, {skipped} skipped, {retries} retries, {elapsedSeconds} s")]
    public static partial void SweepProgress(ILogger logger, string eventName, string runId, int done, int accounts, int processed,
        int failed, int deferred, int skipped, long retries, long elapsedSeconds);

    [LoggerMessage(19, LogLevel.Information, "{eventName}: run {runId}: the map's items written to s3://{bucket}/{key}")]
    public static partial void TargetsStored(ILogger logger, string eventName, string runId, string bucket, string key);

    [LoggerMessage(20, LogLevel.Information, "{eventName}: run {runId}: {count} results read from s3://{bucket}/{manifestKey}")]
    public static partial void ResultsRead(ILogger logger, string eventName, string runId, string bucket, string manifestKey, int count);
}
