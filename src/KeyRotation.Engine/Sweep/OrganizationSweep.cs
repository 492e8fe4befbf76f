using System.Text.Json;
using KeyRotation.Core.Audit;
using KeyRotation.Core.Facts;
using KeyRotation.Core.Targeting;
using KeyRotation.Engine.Digests;
using KeyRotation.Engine.Execution;
using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Runs;

namespace KeyRotation.Engine.Sweep;

/// <summary>
/// The engine's entry point. A run has three steps: <see cref="BeginRunAsync"/> (audit store checked, RunStarted,
/// accounts listed, the skipped ones recorded), the rotation of each target, and the finish (summary, RunFinished).
/// <see cref="RunAsync"/> takes them in one process; a fan-out host (Step Functions) takes them in separate
/// invocations: <see cref="BeginRunAsync"/>, <see cref="RotateAccountAsync(string, RotationRunOptions, AccountFacts?, CancellationToken)"/>
/// per account, <see cref="FinishRunAsync(RotationRunOptions, IEnumerable{AccountOutcome}, long)"/>. Event ids are
/// deterministic, so a step taken twice (a retried invocation) writes nothing twice. Cancellation and the deadline
/// stop new accounts and users from starting; work begun is finished and audited, and the rest is reported Deferred.
/// </summary>
public sealed class OrganizationSweep(RotationServices services)
{
    private readonly RotationServices services = services ?? throw new ArgumentNullException(nameof(services));

    /// <summary>
    /// Told how far <see cref="RunAsync"/> has come (<see cref="SweepProgress"/>): at the start, once the accounts are
    /// listed, and as each account is through; called synchronously, one report at a time. Null (the default): no reports.
    /// </summary>
    public IProgress<SweepProgress>? Progress { get; init; }

    /// <exception cref="ArgumentException">The options are unusable; the message names each field and value.</exception>
    /// <exception cref="AuditUnavailableException">The audit store cannot be written; nothing was discovered or changed.</exception>
    public async Task<RunReport> RunAsync(RotationRunOptions options, CancellationToken cancellationToken)
    {
        var progress = new SweepProgressCounter(Progress, services);
        var selection = await BeginRunAsync(options, cancellationToken);
        progress.Listed(selection);
        var rotator = new AccountRotator(new RunContext(services, options));
        var reports = new AccountReport[selection.Targets.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxAccountsInFlight };

        // Not handed the run's token: accounts not yet started report Deferred instead of vanishing in an exception.
        await Parallel.ForEachAsync(Enumerable.Range(0, reports.Length), parallel, async (i, _) =>
        {
            reports[i] = await rotator.RunAsync(selection.Targets[i], cancellationToken);
            progress.Through(reports[i]);
        });

        return await FinishRunAsync(options, selection.Skipped.Concat(reports), selection.UnwrittenAuditEvents, selection.Warnings);
    }

    /// <summary>
    /// Checks the audit store, records RunStarted, lists the accounts and records the skipped ones.
    /// </summary>
    /// <exception cref="ArgumentException">The options are unusable.</exception>
    /// <exception cref="AuditUnavailableException">The audit store cannot be written; nothing was discovered.</exception>
    public Task<AccountSelection> BeginRunAsync(RotationRunOptions options, CancellationToken cancellationToken) =>
        BeginAsync(options, accountTags: true, cancellationToken);

    /// <summary>
    /// The start of a fanned-out run: as <see cref="BeginRunAsync"/>, but the accounts' own tags are not read (the OUs'
    /// are). Each target's rotation step reads its account's tags afresh anyway, so reading them here too would cost
    /// one Organizations request per account for nothing: an account opted out by its own tag is a target here and is
    /// skipped, and recorded as a sweep records it, by its rotation step. The targets' facts carry
    /// <see cref="TagsNotListed"/> as their tags.
    /// </summary>
    /// <exception cref="ArgumentException">The options are unusable.</exception>
    /// <exception cref="AuditUnavailableException">The audit store cannot be written; nothing was discovered.</exception>
    public Task<AccountSelection> BeginFanOutAsync(RotationRunOptions options, CancellationToken cancellationToken) =>
        BeginAsync(options, accountTags: false, cancellationToken);

    /// <summary>
    /// The tags of an account whose tags were not read (<see cref="BeginFanOutAsync"/>): claimed facts carrying them
    /// claim nothing about the account's tags, so no difference is noted for them.
    /// </summary>
    public static IReadOnlyDictionary<string, string> TagsNotListed => ClaimedFacts.TagsNotListed;

    private async Task<AccountSelection> BeginAsync(RotationRunOptions options, bool accountTags, CancellationToken cancellationToken)
    {
        ThrowIfInvalid(options);
        var context = new RunContext(services, options);
        var writer = new AuditWriter(services.AuditLog);
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
            // Tags decide only for accounts active and targeted by id and OU; the others' are not read.
            accounts = accountTags
                ? await services.Directory.ListAccountsAsync(a => AccountSelector.NeedsTags(a, options.Targeting), cancellationToken)
                : [.. (await services.Directory.ListAccountsAsync(static _ => false, cancellationToken))
                    .Select(a => a with { Tags = ClaimedFacts.TagsNotListed })];
        }
        catch (Exception e)
        {
            await writer.WriteAsync([RunEvent(context, AuditAction.RunFinished, AuditOutcome.Failed,
                "listing the organization's accounts failed", e.Message)]);
            throw;
        }

        var targets = new List<AccountFacts>();
        var skipped = new List<AccountReport>();
        var skippedFacts = new List<AccountFacts>();
        var events = new List<AuditEvent>();
        foreach (var account in accounts.OrderBy(a => a.AccountId, StringComparer.Ordinal))
        {
            if (AccountSelector.Evaluate(account, options.Targeting, options.Tags) is not { } reason)
            {
                targets.Add(account);
                continue;
            }

            skipped.Add(new AccountReport(account.AccountId, account.Name, AccountStatus.Skipped, reason.ToString(), null, []));
            skippedFacts.Add(account);
            events.Add(context.Event(account.AccountId, null, null, AuditAction.AccountSkipped, reason.ToString(),
                AuditOutcome.Succeeded, 0, options.Policy));
        }

        await writer.WriteAsync(events);
        return new AccountSelection(targets, skipped, writer.Unwritten)
        {
            SkippedFacts = skippedFacts,
            Warnings = StartWarnings.For(accounts, options.Targeting, options.Tags),
        };
    }

    /// <summary>
    /// The rotation step of a fanned-out run: reads the account afresh from the directory and rotates it as
    /// <see cref="RunAsync"/> would (selection checked again, so an account opted out or excluded meanwhile is
    /// skipped and recorded; deadline honoured; every action audited). The <paramref name="claimed"/> facts (what
    /// list-targets answered, carried by whoever invoked the step) decide nothing: where they differ from the
    /// directory's, the report says so in a note.
    /// </summary>
    /// <exception cref="AccountNotInOrganizationException">The directory has no such account.</exception>
    /// <exception cref="AuditUnavailableException">The audit store cannot be written; nothing was changed.</exception>
    public async Task<AccountReport> RotateAccountAsync(
        string accountId, RotationRunOptions options, AccountFacts? claimed, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        ThrowIfInvalid(options);
        var facts = await services.Directory.DescribeAccountAsync(accountId, cancellationToken)
            ?? throw new AccountNotInOrganizationException(accountId);
        var report = await RotateAccountAsync(facts, options, cancellationToken);
        return ClaimedFacts.Differences(claimed, facts, options.Tags) is { Count: > 0 } differences
            ? report with { Notes = [.. report.Notes, ClaimedFacts.Note(differences)] }
            : report;
    }

    /// <summary>
    /// Rotates one account from facts this process read from the directory (selection re-checked, deadline
    /// honoured, every action audited). Never give it facts from an invocation's payload: see
    /// <see cref="RotateAccountAsync(string, RotationRunOptions, AccountFacts?, CancellationToken)"/>.
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
        var writer = new AuditWriter(services.AuditLog);
        var report = Summarize(options, accounts, services.Retries?.Count ?? 0, unwrittenAuditEvents);
        report = report with { Warnings = [.. warnings ?? [], .. report.Warnings] };

        var stillUnwritten = report.UnwrittenAuditEvents.Count == 0 || await writer.TryWriteAsync(report.UnwrittenAuditEvents) is null
            ? []
            : report.UnwrittenAuditEvents;
        var sealNotes = await RecordFinishedAsync(options, report.Summary, writer);
        return report with
        {
            Notes = [.. report.Notes, .. sealNotes],
            UnwrittenAuditEvents = [.. stillUnwritten, .. writer.Unwritten],
            // Read again: the writes above may have retried too.
            Summary = report.Summary with { Retries = services.Retries?.Count ?? 0 },
        };
    }

    /// <summary>
    /// The finish step of a fanned-out run: the summary of the accounts' outcomes (the skipped accounts
    /// <see cref="BeginRunAsync"/> answered included), recorded as RunFinished exactly as <see cref="RunAsync"/>
    /// records it. Runs uncancelled.
    /// </summary>
    /// <param name="retries">Retries the earlier steps reported; this step's own are added.</param>
    /// <returns>The summary, the events the audit store would not take (empty when all were written), and notes on
    /// the run's digest (sealed or not, and why; none when no digest store is configured).</returns>
    public async Task<(RunSummary Summary, IReadOnlyList<AuditEvent> UnwrittenAuditEvents, IReadOnlyList<string> Notes)> FinishRunAsync(
        RotationRunOptions options, IEnumerable<AccountOutcome> accounts, long retries)
    {
        ThrowIfInvalid(options);
        ArgumentNullException.ThrowIfNull(accounts);
        var writer = new AuditWriter(services.AuditLog);
        var summary = RunSummarizer.Summary(accounts, retries + (services.Retries?.Count ?? 0));
        var sealNotes = await RecordFinishedAsync(options, summary, writer);
        return (summary with { Retries = retries + (services.Retries?.Count ?? 0) }, writer.Unwritten, sealNotes);
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

    /// <summary>Records RunFinished and seals the run's digest; the sweep and the fan-out finish alike.</summary>
    /// <returns>Notes on the seal (e.g. not sealed, and why).</returns>
    private async Task<IReadOnlyList<string>> RecordFinishedAsync(RotationRunOptions options, RunSummary summary, AuditWriter writer)
    {
        var json = JsonSerializer.Serialize(summary, RunSummaryJsonContext.Default.RunSummary);
        var detail = summary.Interrupted > 0 ? "interrupted: the run was stopped before every account was through" : null;
        var finished = RunEvent(new RunContext(services, options), AuditAction.RunFinished, AuditOutcome.Succeeded, detail, null, json);
        await writer.WriteAsync([finished]);
        return await AuditSealer.SealAsync(services, finished);
    }

    private static AuditEvent RunEvent(
        RunContext context, string action, string outcome, string? detail, string? error = null, string? summary = null) =>
        context.Event(context.Options.ManagementAccountId, null, null, action, null, outcome, 0, context.Options.Policy,
            detail, error, summary: summary);

    internal static void ThrowIfInvalid(RotationRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("invalid run options: " + string.Join("; ", problems), nameof(options));
        }
    }
}
