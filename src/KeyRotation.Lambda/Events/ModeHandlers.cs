using System.Text.Json;
using KeyRotation.Engine.Posture;
using KeyRotation.Engine.Reporting;
using KeyRotation.Lambda.Configuration;
using KeyRotation.Lambda.Hosting;
using KeyRotation.Lambda.Logging;
using KeyRotation.Lambda.Runtime;
using Microsoft.Extensions.Logging;

namespace KeyRotation.Lambda.Events;

/// <summary>One method per event mode: build run options, call the engine, log the outcome per account, answer.</summary>
internal sealed class ModeHandlers(
    HostSettings settings, RotationOperations operations, RunOptionsFactory optionsFactory, ILogger logger)
{
    /// <summary>Lambda answers of up to 6 MB are allowed; past this a sweep's answer leaves out account actions.</summary>
    public const int ResponseLimitBytes = 5_500_000;

    public async Task<byte[]> SweepAsync(InvocationRequest request, Invocation invocation, CancellationToken cancellationToken)
    {
        var options = optionsFactory.Create(request, invocation);
        HostLog.InvocationStarted(logger, "InvocationStarted", EventModes.Sweep, options.RunId, options.DryRun);
        var report = await operations.Sweep(options, cancellationToken);
        foreach (var account in report.Accounts)
        {
            AccountLog.Write(logger, account);
        }

        var s = report.Summary;
        HostLog.RunFinished(logger, "RunFinished", report.RunId, s.Accounts, s.Processed, s.Skipped, s.Failed, s.Deferred);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(report, LambdaJsonContext.Default.RunReport);
        if (bytes.Length <= ResponseLimitBytes)
        {
            return bytes;
        }

        HostLog.ResponseCompacted(logger, "ResponseCompacted", bytes.Length);
        var compact = report with
        {
            Accounts = [.. report.Accounts.Select(a => a with { Actions = [] })],
            Notes = [.. report.Notes, $"account actions left out: the full report had {bytes.Length} bytes; query the audit table by run id"],
        };
        return JsonSerializer.SerializeToUtf8Bytes(compact, LambdaJsonContext.Default.RunReport);
    }

    public async Task<byte[]> ListTargetsAsync(InvocationRequest request, Invocation invocation, CancellationToken cancellationToken)
    {
        var options = optionsFactory.Create(request, invocation);
        HostLog.InvocationStarted(logger, "InvocationStarted", EventModes.ListTargets, options.RunId, options.DryRun);
        var accounts = await operations.ListTargets(options, cancellationToken);
        HostLog.TargetsListed(logger, "TargetsListed", options.RunId, accounts.Count);
        var response = new ListTargetsResponse(
            options.RunId, options.AsOf, options.DryRun, accounts.Count,
            [.. accounts.Select(a => AccountMapping.ToTarget(a, options.Tags))]);
        return JsonSerializer.SerializeToUtf8Bytes(response, LambdaJsonContext.Default.ListTargetsResponse);
    }

    public async Task<byte[]> RotateAccountAsync(InvocationRequest request, Invocation invocation, CancellationToken cancellationToken)
    {
        var accountId = request.Account?.AccountId ?? request.AccountId
            ?? throw new EventFormatException("rotate-account needs accountId (or account, as list-targets gives it)");
        if (!AccountIds.IsValid(accountId))
        {
            throw new EventFormatException($"accountId '{accountId}' is not a 12-digit account id");
        }

        var options = optionsFactory.Create(request, invocation);
        HostLog.InvocationStarted(logger, "InvocationStarted", EventModes.RotateAccount, options.RunId, options.DryRun);
        var facts = request.Account is { } given
            ? AccountMapping.ToFacts(given)
            : (await operations.ListTargets(options, cancellationToken)).FirstOrDefault(a => a.AccountId == accountId)
              ?? throw new AccountNotTargetedException(accountId);

        var report = await operations.RotateAccount(facts, options, cancellationToken);
        AccountLog.Write(logger, report);
        return JsonSerializer.SerializeToUtf8Bytes(AccountMapping.ToResult(report), LambdaJsonContext.Default.AccountResult);
    }

    /// <summary>The posture report as the CLI's <c>report --output json</c> writes it.</summary>
    public async Task<byte[]> ReportAsync(InvocationRequest request, Invocation invocation, CancellationToken cancellationToken)
    {
        var report = operations.Report ?? throw new EngineNotComposedException();
        var options = optionsFactory.Create(request, invocation);
        HostLog.InvocationStarted(logger, "InvocationStarted", EventModes.Report, options.RunId, options.DryRun);
        var posture = await report(options, cancellationToken);
        HostLog.ReportFinished(logger, "ReportFinished", options.RunId, posture.AccountsSurveyed, posture.AccountsSkipped,
            posture.AccountsFailed, PostureFields.Percent(posture.Organization.WithinNinetyDaysShare),
            PostureFields.Percent(posture.Organization.WithinPolicyShare));
        return PostureJson.SerializeToUtf8Bytes(posture);
    }

    public byte[] Summarize(InvocationRequest request)
    {
        var results = request.Results ?? throw new EventFormatException("summarize needs results (the rotate-account answers)");
        for (var i = 0; i < results.Count; i++)
        {
            if (results[i] is null || string.IsNullOrEmpty(results[i].AccountId))
            {
                throw new EventFormatException($"results[{i}] has no accountId");
            }
        }

        var summary = RunSummaryBuilder.From(results);
        var runId = request.RunId ?? "unknown";
        HostLog.RunFinished(logger, "RunSummarized", runId, summary.Accounts, summary.Processed, summary.Skipped,
            summary.Failed, summary.Deferred);
        var response = new SummarizeResponse(runId, request.AsOf, request.DryRun, summary);
        return JsonSerializer.SerializeToUtf8Bytes(response, LambdaJsonContext.Default.SummarizeResponse);
    }

    public byte[] Ping() => JsonSerializer.SerializeToUtf8Bytes(
        new PingResponse(EventModes.Ping, true, HostVersion.Current, settings.DryRun, settings.MemberRoleName,
            settings.AuditTableName, EventModes.All),
        LambdaJsonContext.Default.PingResponse);
}
