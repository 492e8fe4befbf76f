using KeyRotation.Core.Audit;
using KeyRotation.Core.Facts;
using KeyRotation.Core.Targeting;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Reporting;

namespace KeyRotation.Engine.Execution;

/// <summary>
/// One account: enter it, discover its users, run their turns with bounded parallelism, audit each user's batch
/// as soon as the user is done. Whatever goes wrong stays inside the account's report.
/// </summary>
internal sealed class AccountRotator(RunContext run)
{
    /// <summary>A user not started because the resilience layer gave the account up (AccountGivenUpException).</summary>
    private const string GivenUpReason = "GivenUp";

    private static readonly IReadOnlyDictionary<string, DateTimeOffset> NoDeactivations = new Dictionary<string, DateTimeOffset>();

    public async Task<AccountReport> RunAsync(AccountFacts account, CancellationToken cancellationToken)
    {
        var writer = new AuditWriter(run.Services.AuditLog, run.Services.Retries);
        if (AccountSelector.Evaluate(account, run.Options.Targeting, run.Options.Tags) is { } skip)
        {
            var skipped = Report(account, AccountStatus.Skipped, skip.ToString(), null, [], []);
            return await WithEventAsync(skipped, AuditAction.AccountSkipped, AuditOutcome.Succeeded, writer);
        }

        if (TimeBudget.AccountMustWait(run.Options, run.Now(), cancellationToken) is { } wait)
        {
            var deferred = Report(account, AccountStatus.Deferred, wait, null, [], []);
            return await WithEventAsync(deferred, AuditAction.AccountDeferred, AuditOutcome.Succeeded, writer,
                "not started: " + (wait == TimeBudget.TimeBudgetReason ? "too little time left before the deadline" : "run cancelled"));
        }

        var stage = "assuming the member role";
        IAccountSession session;
        DiscoveredUsers discovered;
        UserFacts[] users;
        IReadOnlyDictionary<string, DateTimeOffset> deactivations;
        try
        {
            session = await run.Services.AccountAccess.OpenAsync(account.AccountId, cancellationToken);
            stage = "discovering users";
            discovered = DiscoveredUsers.Of(await session.Identity.DiscoverUsersAsync(cancellationToken));
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
            var deferred = Report(account, AccountStatus.Deferred, TimeBudget.CancelledReason, null, [], []);
            return await WithEventAsync(deferred, AuditAction.AccountDeferred, AuditOutcome.Succeeded, writer,
                $"cancelled while {stage}; nothing was changed");
        }
        catch (Exception e)
        {
            var failed = Report(account, AccountStatus.Failed, null, $"{stage} failed: {e.Message}", [], []);
            return await WithEventAsync(failed, AuditAction.AccountFailed, AuditOutcome.Failed, writer);
        }

        var report = await RunUsersAsync(account, session, discovered, users, deactivations, writer, cancellationToken);
        return run.Options.Scope.IsEveryone ? report : report with { UsersOutOfScope = discovered.Count - users.Length };
    }

    private async Task<AccountReport> RunUsersAsync(
        AccountFacts account,
        IAccountSession session,
        DiscoveredUsers discovered,
        UserFacts[] users,
        IReadOnlyDictionary<string, DateTimeOffset> deactivations,
        AuditWriter writer,
        CancellationToken cancellationToken)
    {
        var giveUp = new AccountGiveUp();
        var rotator = new UserRotator(run, account, session, giveUp);
        var outcomes = new UserOutcome[users.Length];
        var auditNotes = new string?[users.Length];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = run.Options.MaxUsersInFlight };

        // Not handed the run's token: users not yet started are counted below instead of thrown away.
        await Parallel.ForEachAsync(Enumerable.Range(0, users.Length), parallel, async (i, _) =>
        {
            if (giveUp.Reason is not null)
            {
                outcomes[i] = new UserOutcome([], [], [], StoppedBy: GivenUpReason);
                return;
            }

            if (TimeBudget.UserMustWait(run.Options, run.Now(), cancellationToken) is { } wait)
            {
                outcomes[i] = new UserOutcome([], [], [], StoppedBy: wait);
                return;
            }

            outcomes[i] = await rotator.RunAsync(users[i], discovered.IsConfirmed(users[i].UserName), deactivations, cancellationToken);
            if (await writer.WriteAsync(outcomes[i].Events) is { } error)
            {
                auditNotes[i] = $"user {users[i].UserName}: audit store refused {outcomes[i].Events.Count} events " +
                    $"(kept in the report): {error}";
            }
        });

        var records = outcomes.SelectMany(o => o.Records).ToArray();
        var notes = discovered.Notes.Concat(outcomes.SelectMany(o => o.Notes)).Concat(auditNotes.OfType<string>()).ToList();
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
            var reason = stopped[0].StoppedBy!;
            var detail = $"{users.Length - stopped.Length} of {users.Length} users done before " +
                (reason == TimeBudget.TimeBudgetReason ? "the deadline" : "the run was cancelled");
            notes.Add(detail);
            var deferred = Report(account, AccountStatus.Deferred, reason, null, records, notes);
            return await WithEventAsync(deferred, AuditAction.AccountDeferred, AuditOutcome.Succeeded, writer, detail);
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
