using KeyRotation.Core.Audit;
using KeyRotation.Core.Facts;
using KeyRotation.Core.Targeting;
using KeyRotation.Engine.Execution;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Reconciliation;
using KeyRotation.Engine.Reporting;

namespace KeyRotation.Engine.Sweep;

/// <summary>
/// One account: enter it, discover its users, run their turns with bounded parallelism, audit each user's batch
/// as soon as the user is done. Whatever goes wrong stays inside the account's report.
/// </summary>
internal sealed class AccountRotator(RunContext run)
{
    /// <summary>A user not started because the resilience layer gave the account up (AccountGivenUpException).</summary>
    private const string GivenUpReason = "GivenUp";

    private const string AssumingRole = "assuming the member role";

    private static readonly IReadOnlyDictionary<string, DateTimeOffset> NoDeactivations = new Dictionary<string, DateTimeOffset>();

    public async Task<AccountReport> RunAsync(AccountFacts account, CancellationToken cancellationToken)
    {
        var writer = new AuditWriter(run.Services.AuditLog, run.Outage);
        if (AccountSelector.Evaluate(account, run.Options.Targeting, run.Options.Tags) is { } skip)
        {
            var skipped = Report(account, AccountStatus.Skipped, skip.ToString(), null, [], []);
            return await WithEventAsync(skipped, AuditAction.AccountSkipped, AuditOutcome.Succeeded, writer);
        }

        if (TimeBudget.AccountMustWait(run.Options, run.Now(), cancellationToken) is { } wait)
        {
            return TimeBudget.IsInterruption(wait)
                ? await WithEventAsync(Report(account, AccountStatus.Interrupted, wait, null, [], []),
                    AuditAction.AccountInterrupted, AuditOutcome.Succeeded, writer, "not started: the run was stopped")
                : await WithEventAsync(Report(account, AccountStatus.Deferred, wait, null, [], []),
                    AuditAction.AccountDeferred, AuditOutcome.Succeeded, writer, "not started: too little time left before the deadline");
        }

        if (run.Outage.Reason is { } outage)
        {
            var failed = Report(account, AccountStatus.Failed, null, $"{CentralOutage.NotStarted} ({outage})", [], []);
            return await WithEventAsync(failed, AuditAction.AccountFailed, AuditOutcome.Failed, writer);
        }

        var stage = AssumingRole;
        var giveUp = new AccountGiveUp();
        IAccountSession session;
        ReconciliationResult reconciled;
        DiscoveredUsers discovered;
        UserFacts[] users;
        IReadOnlyDictionary<string, DateTimeOffset> deactivations;
        try
        {
            session = await run.Services.AccountAccess.OpenAsync(account.AccountId, cancellationToken);
            stage = "reading what earlier runs left open from the audit log";
            reconciled = await ReconcileAsync(account, session, giveUp, writer, cancellationToken);
            stage = "discovering users";
            discovered = await session.Identity.DiscoverUsersAsync(cancellationToken);
            // Users outside the managed scope go no further than this count: never planned, read again or touched.
            users = [.. discovered.Where(run.Options.Scope.Contains).OrderBy(u => u.UserName, StringComparer.Ordinal)];
            stage = "reading past deactivations from the audit log";
            // Unconfirmed users carry placeholder key ids; they are looked up when read live.
            var inactive = FactMerger.InactiveKeyIds(users.Where(u => discovered.IsConfirmed(u.UserName)));
            deactivations = inactive.Count == 0
                ? NoDeactivations
                : await run.Services.AuditLog.LastDeactivationsAsync(account.AccountId, inactive, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var interrupted = Report(account, AccountStatus.Interrupted, TimeBudget.CancelledReason, null, [], []);
            return await WithEventAsync(interrupted, AuditAction.AccountInterrupted, AuditOutcome.Succeeded, writer,
                $"cancelled while {stage}; nothing was changed");
        }
        catch (Exception e) when (stage == AssumingRole && RoleRefusal.SkipReason(account, run.Options, e) is { } refused)
        {
            // AccessDenied on AssumeRole cannot tell a role that is not there from a trust or permission error; for an
            // account nobody asked for by id it is taken as not deployed, with the error kept so it is never silent.
            var skipped = Report(account, AccountStatus.Skipped, refused.ToString(), null, [],
                [$"member role refused, taken as not deployed: {e.Message}"]);
            return await WithEventAsync(skipped, AuditAction.AccountSkipped, AuditOutcome.Succeeded, writer,
                $"AssumeRole refused: {e.Message}");
        }
        catch (Exception e)
        {
            if (stage == AssumingRole)
            {
                run.Outage.Observe(e);
            }

            var failed = Report(account, AccountStatus.Failed, null, $"{stage} failed: {e.Message}", [], []);
            return await WithEventAsync(failed, AuditAction.AccountFailed, AuditOutcome.Failed, writer);
        }

        var report = await RunUsersAsync(account, session, reconciled, discovered, users, deactivations, giveUp, writer, cancellationToken);
        return run.Options.Scope.IsEveryone ? report : report with { UsersOutOfScope = discovered.Count - users.Length };
    }

    /// <summary>
    /// Resolves the intents earlier runs left open before anything is discovered or planned, so the plan sees the
    /// keys as reconciliation left them. A dry run changes nothing and only notes what a real run would reconcile.
    /// </summary>
    /// <exception cref="Exception">The audit log could not say what is open: the account must not be planned.</exception>
    private async Task<ReconciliationResult> ReconcileAsync(
        AccountFacts account, IAccountSession session, AccountGiveUp giveUp, AuditWriter writer, CancellationToken cancellationToken)
    {
        var work = await run.Services.AuditLog.UnresolvedAsync(
            account.AccountId, run.Now() - run.Options.ReconciliationWindow, cancellationToken);
        if (work.IsEmpty)
        {
            return ReconciliationResult.None;
        }

        if (run.Options.DryRun)
        {
            return ReconciliationResult.None with
            {
                Notes = [$"{work.OpenIntents.Count} changes of earlier runs without an outcome and {work.UnhandledKeys.Count} " +
                    $"keys not recorded as handed over (users {string.Join(", ", work.UserNames)}); a real run reconciles them first"],
            };
        }

        return await new Reconciler(run, account, session, giveUp, writer).RunAsync(work, cancellationToken);
    }

    private async Task<AccountReport> RunUsersAsync(
        AccountFacts account,
        IAccountSession session,
        ReconciliationResult reconciled,
        DiscoveredUsers discovered,
        UserFacts[] users,
        IReadOnlyDictionary<string, DateTimeOffset> deactivations,
        AccountGiveUp giveUp,
        AuditWriter writer,
        CancellationToken cancellationToken)
    {
        var rotator = new UserRotator(run, account, session, giveUp, writer);
        var outcomes = new UserOutcome[users.Length];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = run.Options.MaxUsersInFlight };

        // Not handed the run's token: users not yet started are counted below instead of thrown away.
        await Parallel.ForEachAsync(Enumerable.Range(0, users.Length), parallel, async (i, _) =>
        {
            var userName = users[i].UserName;
            if (reconciled.Blocked.Contains(userName))
            {
                // Its Blocked record is among reconciliation's.
                outcomes[i] = new UserOutcome([], []);
                return;
            }

            if (giveUp.Reason is not null)
            {
                outcomes[i] = new UserOutcome([], [], StoppedBy: GivenUpReason);
                return;
            }

            if (TimeBudget.UserMustWait(run.Options, run.Now(), cancellationToken) is { } wait)
            {
                outcomes[i] = new UserOutcome([], [], StoppedBy: wait);
                return;
            }

            outcomes[i] = await rotator.RunAsync(users[i], discovered.IsConfirmed(userName), deactivations,
                reconciled.FirstSequenceOf(userName), cancellationToken);
        });

        var records = reconciled.Records.Concat(outcomes.SelectMany(o => o.Records)).ToArray();
        var notes = reconciled.Notes.Concat(discovered.Notes).Concat(outcomes.SelectMany(o => o.Notes)).ToList();
        var crashed = users.Zip(outcomes).FirstOrDefault(p => p.Second.Crash is not null);
        if (crashed.Second is { Crash: { } crash })
        {
            var failed = Report(account, AccountStatus.Failed, null, $"user {crashed.First.UserName}: {crash}", records, notes);
            return await WithEventAsync(failed, AuditAction.AccountFailed, AuditOutcome.Failed, writer);
        }

        if (giveUp.Reason is { } givenUp)
        {
            if (outcomes.Count(o => o.StoppedBy == GivenUpReason) is var notStarted and > 0)
            {
                notes.Add($"{notStarted} of {users.Length} users not started: the account was given up");
            }

            var failed = Report(account, AccountStatus.Failed, null, givenUp, records, notes);
            return await WithEventAsync(failed, AuditAction.AccountFailed, AuditOutcome.Failed, writer);
        }

        var stopped = outcomes.Where(o => o.StoppedBy is not null).ToArray();
        if (stopped.Length > 0)
        {
            // A stop outranks the deadline: the operator asked for it, and a rerun is what both need.
            var reason = stopped.Select(o => o.StoppedBy!).FirstOrDefault(TimeBudget.IsInterruption) ?? stopped[0].StoppedBy!;
            var interrupted = TimeBudget.IsInterruption(reason);
            var detail = $"{users.Length - stopped.Length} of {users.Length} users done before " +
                (interrupted ? "the run was stopped" : "the deadline");
            notes.Add(detail);
            var report = Report(account, interrupted ? AccountStatus.Interrupted : AccountStatus.Deferred, reason, null, records, notes);
            return await WithEventAsync(report, interrupted ? AuditAction.AccountInterrupted : AuditAction.AccountDeferred,
                AuditOutcome.Succeeded, writer, detail);
        }

        return Report(account, AccountStatus.Processed, null, null, records, notes) with { UnwrittenAuditEvents = writer.Unwritten };
    }

    /// <summary>Audits the account-level outcome and returns the report with whatever the store refused.</summary>
    private async Task<AccountReport> WithEventAsync(
        AccountReport report, string action, string outcome, AuditWriter writer, string? detail = null)
    {
        var e = run.Event(report.AccountId, null, null, action, report.Reason, outcome, 0, run.Options.Policy,
            detail, report.Error);
        var notes = report.Notes.ToList();
        if (await writer.WriteAsync([e]) is { } error)
        {
            notes.Add($"audit store refused the {action} event (kept in the report): {error}");
        }

        return report with { Notes = notes, UnwrittenAuditEvents = writer.Unwritten };
    }

    private static AccountReport Report(
        AccountFacts account, AccountStatus status, string? reason, string? error,
        IReadOnlyList<ActionRecord> actions, IReadOnlyList<string> notes) =>
        new(account.AccountId, account.Name, status, reason, error, actions) { Notes = notes };
}
