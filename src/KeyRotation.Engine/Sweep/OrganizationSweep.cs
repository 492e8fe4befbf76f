using System.Text.Json;
using KeyRotation.Core.Audit;
using KeyRotation.Core.Facts;
using KeyRotation.Core.Targeting;
using KeyRotation.Engine.Execution;
using KeyRotation.Engine.Reporting;

namespace KeyRotation.Engine.Sweep;

/// <summary>
/// The engine's entry point: sweeps the organization's accounts (<see cref="RunAsync"/>), or, for a fan-out host,
/// the same run in steps: <see cref="BeginRunAsync"/>, <see cref="RotateAccountAsync"/> per target,
/// <see cref="FinishRunAsync"/>. Cancellation and the deadline stop new accounts and users from starting; work
/// begun is finished and audited, and the rest is reported Deferred.
/// </summary>
public sealed class OrganizationSweep(RotationServices services)
{
    private readonly RotationServices services = services ?? throw new ArgumentNullException(nameof(services));

    /// <exception cref="ArgumentException">The options are unusable; the message names each field and value.</exception>
    /// <exception cref="AuditUnavailableException">The audit store cannot be written; nothing was discovered or changed.</exception>
    public async Task<RunReport> RunAsync(RotationRunOptions options, CancellationToken cancellationToken)
    {
        var selection = await BeginRunAsync(options, cancellationToken);
        var context = new RunContext(services, options);
        var rotator = new AccountRotator(context);
        var reports = new AccountReport[selection.Targets.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxAccountsInFlight };

        // Not handed the run's token: accounts not yet started report Deferred instead of vanishing in an exception.
        await Parallel.ForEachAsync(Enumerable.Range(0, reports.Length), parallel, async (i, _) =>
            reports[i] = await rotator.RunAsync(selection.Targets[i], cancellationToken));

        return await FinishRunAsync(options, selection.Skipped.Concat(reports), selection.UnwrittenAuditEvents, selection.Warnings);
    }

    /// <summary>Every account the run would rotate, by id; reads the directory only, audits nothing.</summary>
    public async Task<IReadOnlyList<AccountFacts>> ListTargetsAsync(RotationRunOptions options, CancellationToken cancellationToken)
    {
        ThrowIfInvalid(options);
        var accounts = await services.Directory.ListAccountsAsync(cancellationToken);
        return accounts.Where(a => AccountSelector.Evaluate(a, options.Targeting, options.Tags) is null)
            .OrderBy(a => a.AccountId, StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// Checks the audit store, records RunStarted, lists the accounts and records the skipped ones.
    /// </summary>
    /// <exception cref="ArgumentException">The options are unusable.</exception>
    /// <exception cref="AuditUnavailableException">The audit store cannot be written; nothing was discovered.</exception>
    public async Task<AccountSelection> BeginRunAsync(RotationRunOptions options, CancellationToken cancellationToken)
    {
        ThrowIfInvalid(options);
        var context = new RunContext(services, options);
        var writer = new AuditWriter(services.AuditLog, services.Retries);
        try
        {
            await services.AuditLog.EnsureWritableAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new AuditUnavailableException($"the audit store is not writable, so nothing was changed: {e.Message}", e);
        }

        var started = RunEvent(context, AuditAction.RunStarted, AuditOutcome.Succeeded,
            $"dryRun={(options.DryRun ? "true" : "false")}; delivery={options.Policy.SecretDelivery}");
        if (await writer.TryWriteAsync([started]) is { } refused)
        {
            throw new AuditUnavailableException($"the audit store refused the RunStarted event, so nothing was changed: {refused}");
        }

        IReadOnlyList<AccountFacts> accounts;
        try
        {
            accounts = await services.Directory.ListAccountsAsync(cancellationToken);
        }
        catch (Exception e)
        {
            await writer.WriteAsync([RunEvent(context, AuditAction.RunFinished, AuditOutcome.Failed,
                "listing the organization's accounts failed", e.Message)]);
            throw;
        }

        var targets = new List<AccountFacts>();
        var skipped = new List<AccountReport>();
        var events = new List<AuditEvent>();
        foreach (var account in accounts.OrderBy(a => a.AccountId, StringComparer.Ordinal))
        {
            if (AccountSelector.Evaluate(account, options.Targeting, options.Tags) is not { } reason)
            {
                targets.Add(account);
                continue;
            }

            skipped.Add(new AccountReport(account.AccountId, account.Name, AccountStatus.Skipped, reason.ToString(), null, []));
            events.Add(context.Event(account.AccountId, null, null, AuditAction.AccountSkipped, reason.ToString(),
                AuditOutcome.Succeeded, 0, options.Policy));
        }

        await writer.WriteAsync(events);
        return new AccountSelection(targets, skipped, writer.Unwritten)
        {
            Warnings = StartWarnings.For(accounts, options.Targeting, options.Tags),
        };
    }

    /// <summary>
    /// Rotates one account as a run would (selection re-checked, deadline honoured, every action audited).
    /// For a fan-out host; <see cref="RunAsync"/> does this for every target itself.
    /// </summary>
    /// <exception cref="AuditUnavailableException">The audit store cannot be written; nothing was changed.</exception>
    public async Task<AccountReport> RotateAccountAsync(
        AccountFacts account, RotationRunOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ThrowIfInvalid(options);
        try
        {
            await services.AuditLog.EnsureWritableAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Falls through: the rotator reports the account Deferred without touching it.
        }
        catch (Exception e)
        {
            throw new AuditUnavailableException(
                $"the audit store is not writable, so account {account.AccountId} was not changed: {e.Message}", e);
        }

        return await new AccountRotator(new RunContext(services, options)).RunAsync(account, cancellationToken);
    }

    /// <summary>
    /// Builds the run report, retries the audit events refused so far, and records RunFinished with the summary.
    /// Runs uncancelled: the end of a run is always recorded.
    /// </summary>
    /// <param name="warnings">The start's warnings (<see cref="AccountSelection.Warnings"/>); the run's own are added.</param>
    public async Task<RunReport> FinishRunAsync(
        RotationRunOptions options, IEnumerable<AccountReport> accounts, IEnumerable<AuditEvent>? unwrittenAuditEvents = null,
        IEnumerable<string>? warnings = null)
    {
        ThrowIfInvalid(options);
        var context = new RunContext(services, options);
        var writer = new AuditWriter(services.AuditLog, services.Retries);
        var report = Summarize(options, accounts, services.Retries?.Count ?? 0, unwrittenAuditEvents);
        report = report with { Warnings = [.. warnings ?? [], .. report.Warnings] };

        var stillUnwritten = report.UnwrittenAuditEvents.Count == 0 || await writer.TryWriteAsync(report.UnwrittenAuditEvents) is null
            ? []
            : report.UnwrittenAuditEvents;
        var summary = JsonSerializer.Serialize(report.Summary, RunSummaryJsonContext.Default.RunSummary);
        var finished = RunEvent(context, AuditAction.RunFinished, AuditOutcome.Succeeded,
            report.Interrupted ? "interrupted: the run was stopped before every account was through" : null, null, summary);
        await writer.WriteAsync([finished]);
        return report with
        {
            UnwrittenAuditEvents = [.. stillUnwritten, .. writer.Unwritten],
            // Read again: the writes above may have retried too.
            Summary = report.Summary with { Retries = services.Retries?.Count ?? 0 },
        };
    }

    /// <summary>The run report for these account reports, with nothing written anywhere (pure).</summary>
    public static RunReport Summarize(
        RotationRunOptions options,
        IEnumerable<AccountReport> accounts,
        long retries = 0,
        IEnumerable<AuditEvent>? unwrittenAuditEvents = null,
        IEnumerable<string>? notes = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(accounts);
        return RunSummarizer.Summarize(options, accounts, retries, unwrittenAuditEvents ?? [], notes ?? []);
    }

    private static AuditEvent RunEvent(
        RunContext context, string action, string outcome, string? detail, string? error = null, string? summary = null) =>
        context.Event(context.Options.ManagementAccountId, null, null, action, null, outcome, 0, context.Options.Policy,
            detail, error, summary: summary);

    private static void ThrowIfInvalid(RotationRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("invalid run options: " + string.Join("; ", problems), nameof(options));
        }
    }
}
