using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KeyRotation.Engine.Incidents;
using KeyRotation.Engine.Posture;
using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Runs;
using KeyRotation.Engine.Sweep;
using KeyRotation.Lambda.Configuration;
using KeyRotation.Lambda.Logging;
using KeyRotation.Lambda.Operations;
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
        using var stop = optionsFactory.StopFor(options);
        var report = await operations.Sweep(options with { Stopping = stop.Token }, new ProgressLog(logger, options.RunId), cancellationToken);
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

    /// <summary>The run's start: RunStarted and the skipped accounts recorded; targets and skipped accounts answered.</summary>
    public async Task<byte[]> ListTargetsAsync(InvocationRequest request, Invocation invocation, CancellationToken cancellationToken)
    {
        var options = optionsFactory.Create(request, invocation);
        HostLog.InvocationStarted(logger, "InvocationStarted", EventModes.ListTargets, options.RunId, options.DryRun);
        var selection = await operations.BeginRun(options, cancellationToken);
        if (selection.UnwrittenAuditEvents.Count > 0)
        {
            // Step Functions retries the state; the events' ids are deterministic, so the retry writes each once.
            throw new AuditUnavailableException(
                $"the audit store refused {selection.UnwrittenAuditEvents.Count} events of run {options.RunId}'s start; nothing was changed");
        }

        HostLog.TargetsListed(logger, "TargetsListed", options.RunId, selection.Targets.Count);
        var listed = selection.Targets.Select(a => AccountMapping.ToTarget(a, options.Tags))
            .Concat(selection.SkippedFacts.Zip(selection.Skipped, (facts, report) =>
                AccountMapping.ToTarget(facts, options.Tags, report.Reason ?? nameof(AccountStatus.Skipped))))
            .OrderBy(a => a.AccountId, StringComparer.Ordinal)
            .ToArray();
        var response = new ListTargetsResponse(
            options.RunId, options.AsOf, options.DryRun, listed.Length, listed, selection.Skipped.Count);
        if (operations.FanOutStore is { } store)
        {
            // The execution state holds 256 KiB, about 1,000 items: the map reads them from the bucket instead.
            var objects = FanOutObjects.For(store.Bucket, options.RunId);
            await store.PutAsync(objects.Targets, JsonSerializer.SerializeToUtf8Bytes(listed, LambdaJsonContext.Default.TargetAccountArray),
                cancellationToken);
            HostLog.TargetsStored(logger, "TargetsStored", options.RunId, store.Bucket, objects.Targets);
            response = response with { Accounts = null, Objects = objects };
        }

        return JsonSerializer.SerializeToUtf8Bytes(response, LambdaJsonContext.Default.ListTargetsResponse);
    }

    /// <summary>One account, read afresh from Organizations; the payload's facts are compared, never trusted.</summary>
    public async Task<byte[]> RotateAccountAsync(InvocationRequest request, Invocation invocation, CancellationToken cancellationToken)
    {
        var accountId = request.Account?.AccountId ?? request.AccountId
            ?? throw new EventFormatException("rotate-account needs accountId (or account, as list-targets gives it)");
        if (!Engine.Settings.AccountIds.IsValid(accountId))
        {
            throw new EventFormatException($"accountId: '{accountId}' is not {Engine.Settings.AccountIds.Expectation}");
        }

        var options = optionsFactory.Create(request, invocation);
        HostLog.InvocationStarted(logger, "InvocationStarted", EventModes.RotateAccount, options.RunId, options.DryRun);
        AccountStep step;
        if (request.Account is { Skipped: { } reason } skipped)
        {
            // The start recorded the skip; nothing to read or write.
            step = new AccountStep(new AccountReport(accountId, skipped.AccountName ?? "", AccountStatus.Skipped, reason, null, []), 0);
        }
        else
        {
            var claimed = request.Account is { } given ? AccountMapping.ToClaimedFacts(given) : null;
            using var stop = optionsFactory.StopFor(options);
            step = await operations.RotateAccount(accountId, claimed, options with { Stopping = stop.Token }, cancellationToken);
        }

        AccountLog.Write(logger, step.Report);
        var result = AccountMapping.ToResult(step.Report, step.Retries);
        return JsonSerializer.SerializeToUtf8Bytes(result, LambdaJsonContext.Default.AccountResult);
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
        var json = PostureJson.SerializeToUtf8Bytes(posture);
        if (operations.ReportStore is not { } store || settings.ReportBucket is not { } bucket)
        {
            return json;
        }

        var (jsonKey, htmlKey) = ReportKeys(posture.AsOf, options.RunId);
        await store.PutAsync(jsonKey, json, "application/json", cancellationToken);
        await store.PutAsync(htmlKey, Encoding.UTF8.GetBytes(PostureHtml.Render(posture)), "text/html; charset=utf-8", cancellationToken);
        HostLog.ReportStored(logger, "ReportStored", options.RunId, bucket, jsonKey, htmlKey);
        // The same JSON, and where its copies are.
        var answer = JsonNode.Parse(json)!.AsObject();
        answer["stored"] = new JsonObject { ["bucket"] = bucket, ["json"] = jsonKey, ["html"] = htmlKey };
        return Encoding.UTF8.GetBytes(answer.ToJsonString());
    }

    /// <summary>The report bucket's layout: <c>posture/&lt;as-of date, yyyy-MM-dd UTC&gt;/&lt;run id&gt;.json</c> and <c>.html</c>.</summary>
    public static (string Json, string Html) ReportKeys(DateTimeOffset asOf, string runId)
    {
        var stem = $"posture/{asOf.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}/{runId}";
        return (stem + ".json", stem + ".html");
    }

    /// <summary>The run's finish: the engine's summary of the results, recorded as RunFinished.</summary>
    public async Task<byte[]> SummarizeAsync(InvocationRequest request, Invocation invocation, CancellationToken cancellationToken)
    {
        if (request.Results is null && request.ResultWriterDetails is null)
        {
            throw new EventFormatException(
                "summarize needs results (the rotate-account answers) or resultWriterDetails (where the map wrote them)");
        }

        if (request.Results is not null && request.ResultWriterDetails is not null)
        {
            throw new EventFormatException("summarize takes results or resultWriterDetails, not both");
        }

        if (request.RunId is null)
        {
            throw new EventFormatException("summarize needs runId (the run list-targets started)");
        }

        var results = request.Results ?? await ReadMapResultsAsync(request.ResultWriterDetails!, request.RunId, cancellationToken);
        for (var i = 0; i < results.Count; i++)
        {
            if (results[i] is null || string.IsNullOrEmpty(results[i].AccountId))
            {
                throw new EventFormatException($"results[{i}] has no accountId");
            }
        }

        var options = optionsFactory.Create(request, invocation);
        var outcomes = results.Select(AccountMapping.ToOutcome).ToArray();
        var finish = await operations.FinishRun(outcomes, results.Sum(r => r.Retries ?? 0), options);
        var summary = finish.Summary;
        HostLog.RunFinished(logger, "RunSummarized", options.RunId, summary.Accounts, summary.Processed, summary.Skipped,
            summary.Failed, summary.Deferred);
        var response = new SummarizeResponse(options.RunId, request.AsOf is null ? null : options.AsOf, request.DryRun, summary)
        {
            UnwrittenAuditEvents = finish.UnwrittenAuditEvents,
            Notes = finish.Notes,
        };
        return JsonSerializer.SerializeToUtf8Bytes(response, LambdaJsonContext.Default.SummarizeResponse);
    }

    /// <summary>The map's results from the fan-out bucket: only this bucket's, only under this run's results prefix.</summary>
    private async Task<List<AccountResult>> ReadMapResultsAsync(ResultWriterDetails details, string runId, CancellationToken cancellationToken)
    {
        if (operations.FanOutStore is not { } store)
        {
            throw new EventFormatException(
                $"summarize got resultWriterDetails, but {EnvironmentVariables.FanOutBucket} is not set: no fan-out bucket to read them from");
        }

        if (details.Bucket != store.Bucket)
        {
            throw new EventFormatException(
                $"resultWriterDetails.bucket '{details.Bucket}' is not the fan-out bucket '{store.Bucket}' ({EnvironmentVariables.FanOutBucket})");
        }

        var prefix = FanOutObjects.ResultsOf(runId);
        if (details.Key is not { } key || !key.StartsWith(prefix + "/", StringComparison.Ordinal))
        {
            throw new EventFormatException($"resultWriterDetails.key '{details.Key}' is not under run {runId}'s results ({prefix}/)");
        }

        var results = await MapResults.ReadAsync(store, key, prefix, cancellationToken);
        HostLog.ResultsRead(logger, "ResultsRead", runId, store.Bucket, key, results.Count);
        return results;
    }

    /// <summary>Mode revoke. No confirm flag: invoking the function is the confirmation (KEYROTATION_DRY_RUN or the event's
    /// dryRun still make it a dry run).</summary>
    public async Task<byte[]> RevokeAsync(InvocationRequest request, Invocation invocation, CancellationToken cancellationToken)
    {
        var reason = request.Reason is { } given && !string.IsNullOrWhiteSpace(given)
            ? given.Trim()
            : throw new EventFormatException("revoke needs reason: why the key is revoked (recorded and told to the owner)");
        var incident = new IncidentRequest(KeyOf(request, EventModes.Revoke), reason, Replace: request.Replace == true);
        var report = await IncidentAsync(EventModes.Revoke, request, invocation, incident, operations.Revoke, cancellationToken);
        return JsonSerializer.SerializeToUtf8Bytes(report, LambdaJsonContext.Default.IncidentReport);
    }

    /// <summary>Mode restore; like revoke, invoking is the confirmation.</summary>
    public async Task<byte[]> RestoreAsync(InvocationRequest request, Invocation invocation, CancellationToken cancellationToken)
    {
        var incident = new IncidentRequest(KeyOf(request, EventModes.Restore), Force: request.Force == true);
        var report = await IncidentAsync(EventModes.Restore, request, invocation, incident, operations.Restore, cancellationToken);
        return JsonSerializer.SerializeToUtf8Bytes(report, LambdaJsonContext.Default.IncidentReport);
    }

    /// <summary>
    /// An AWS Health AWS_RISK_CREDENTIALS_EXPOSED event: every key it names is revoked, with a replacement when
    /// EXPOSED_KEY_ACTION=revoke-and-replace. Other Health events are refused, so a widened rule cannot act by accident.
    /// </summary>
    public async Task<byte[]> ExposedKeysAsync(HealthEvent health, Invocation invocation, CancellationToken cancellationToken)
    {
        var type = health.Detail?.EventTypeCode;
        if (type != HealthEvent.ExposedKeyEventType)
        {
            throw new EventFormatException(
                $"AWS Health event of type '{type}' is not handled: only {HealthEvent.ExposedKeyEventType} revokes keys");
        }

        var keys = health.Detail!.AffectedEntities?.Select(e => e.EntityValue?.Trim()).OfType<string>().Where(k => k.Length > 0)
            .Distinct(StringComparer.Ordinal).ToArray() ?? [];
        if (keys.Length == 0)
        {
            throw new EventFormatException($"{HealthEvent.ExposedKeyEventType} event names no key in detail.affectedEntities[].entityValue");
        }

        var reason = $"AWS Health {type} for account {health.Account ?? "unknown"} ({health.Detail.EventArn ?? "no event arn"})";
        var request = new InvocationRequest { Mode = EventModes.Revoke };
        var reports = new List<IncidentReport>(keys.Length);
        foreach (var key in keys)
        {
            reports.Add(await IncidentAsync(EventModes.Revoke, request, invocation,
                new IncidentRequest(key, reason, Replace: settings.ReplaceExposedKeys), operations.Revoke, cancellationToken));
        }

        var response = new ExposedKeysResponse(health.Detail.EventArn ?? "", health.Account ?? "", settings.ReplaceExposedKeys, reports);
        return JsonSerializer.SerializeToUtf8Bytes(response, LambdaJsonContext.Default.ExposedKeysResponse);
    }

    private async Task<IncidentReport> IncidentAsync(
        string mode, InvocationRequest request, Invocation invocation, IncidentRequest incident,
        Func<Engine.Runs.RotationRunOptions, IncidentRequest, CancellationToken, Task<IncidentReport>> act,
        CancellationToken cancellationToken)
    {
        var options = optionsFactory.Create(request, invocation);
        HostLog.InvocationStarted(logger, "InvocationStarted", mode, options.RunId, options.DryRun);
        return await act(options, incident, cancellationToken);
    }

    private static string KeyOf(InvocationRequest request, string mode) =>
        request.AccessKeyId is { } key && !string.IsNullOrWhiteSpace(key)
            ? key.Trim()
            : throw new EventFormatException($"{mode} needs accessKeyId (an IAM user access key id, AKIA...)");

    public byte[] Ping() => JsonSerializer.SerializeToUtf8Bytes(
        new PingResponse(EventModes.Ping, true, HostVersion.Current, settings.DryRun, settings.MemberRoleName,
            settings.AuditTableName, EventModes.All),
        LambdaJsonContext.Default.PingResponse);
}
