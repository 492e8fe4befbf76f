using KeyRotation.Core.Facts;
using KeyRotation.Core.Planning;
using KeyRotation.Engine.Notifications;
using KeyRotation.Engine.Ports;
using static KeyRotation.Core.Audit.AuditOutcome;

namespace KeyRotation.Engine.Execution;

/// <summary>
/// One user's turn: plan from the discovery snapshot; re-read the user live and plan again when the snapshot plan
/// would change something (real runs) or when the snapshot was unconfirmed and plans anything at all (every run);
/// then record or perform that fresh plan. Never throws: whatever was done is returned with the reason the turn
/// ended early, if it did.
/// </summary>
internal sealed class UserRotator(
    RunContext run, AccountFacts account, IAccountSession session, AccountGiveUp giveUp, AuditWriter writer)
{
    private static readonly IReadOnlyDictionary<string, DateTimeOffset> NoDeactivations = new Dictionary<string, DateTimeOffset>();

    private readonly PlanExecutor executor = new(session, new OwnerNotifier(run.Services.Notifier));

    /// <param name="confirmed">False when the facts come from a bulk snapshot (see <see cref="DiscoveredUsers"/>).</param>
    /// <param name="firstSequence">Where the user's event numbering starts (after its reconciliation's events).</param>
    public async Task<UserOutcome> RunAsync(
        UserFacts discovered,
        bool confirmed,
        IReadOnlyDictionary<string, DateTimeOffset> deactivations,
        int firstSequence,
        CancellationToken cancellationToken)
    {
        var log = new UserLog(run, account, discovered.UserName, OwnerOf(discovered, run.Options.Tags), giveUp, writer, firstSequence);
        string? stoppedBy = null;
        string? crash = null;
        try
        {
            await RunAsync(discovered, confirmed, deactivations, log, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            stoppedBy = TimeBudget.CancelledReason;
        }
        catch (Exception e)
        {
            crash = log.Fault(e);
        }

        await log.FlushAsync();
        return log.ToOutcome() with { StoppedBy = stoppedBy ?? log.StoppedBy, Crash = crash };
    }

    private async Task RunAsync(
        UserFacts discovered,
        bool confirmed,
        IReadOnlyDictionary<string, DateTimeOffset> deactivations,
        UserLog log,
        CancellationToken cancellationToken)
    {
        var plan = Plan(FactMerger.Merge(discovered, deactivations));
        log.Policy = plan.EffectivePolicy;

        // An unconfirmed snapshot only errs towards planning more, so an empty plan stays empty when read live.
        var readLive = plan.Actions.Count > 0 && (!confirmed || (!run.Options.DryRun && plan.HasMutation));
        var fresh = plan;
        string[] liveKeyIds = [];
        if (readLive)
        {
            try
            {
                var live = await session.Identity.ReadUserAsync(discovered.UserName, cancellationToken);
                if (live is null)
                {
                    log.Note("deleted since discovery; nothing to do");
                    return;
                }

                liveKeyIds = [.. live.AccessKeys.Select(k => k.AccessKeyId)];
                var inactive = FactMerger.InactiveKeyIds([live]);
                var audited = inactive.Count == 0
                    ? NoDeactivations
                    : await run.Services.AuditLog.LastDeactivationsAsync(account.AccountId, inactive, cancellationToken);
                fresh = Plan(FactMerger.Merge(live, audited));
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Unconfirmed decisions are not recorded as made: they may rest on stale facts and placeholder key ids.
                foreach (var action in plan.Actions.Where(a => a.IsMutation || !confirmed))
                {
                    log.Record(action, Failed, $"not attempted: re-reading the user failed: {log.Fault(e)}");
                }

                return;
            }
        }

        log.Policy = fresh.EffectivePolicy;
        if (run.Options.DryRun)
        {
            foreach (var action in fresh.Actions)
            {
                log.Record(action, Planned);
            }

            return;
        }

        // Decisions (Skip, Warn, Blocked) are recorded as carried out; mutations are performed in order.
        await executor.ExecuteAsync(fresh, log, liveKeyIds, cancellationToken);
    }

    private UserPlan Plan(UserFacts user) => RotationPlanner.Plan(
        new PlanningInput(user, account.Tags, run.Options.Policy, run.Options.Tags, run.Options.AsOf));

    /// <summary>The user's owner tag, or "unknown"; the owner notifications are addressed to.</summary>
    internal static string OwnerOf(UserFacts user, Core.Tags.TagConventions tags) =>
        user.Tags.TryGetValue(tags.Owner, out var owner) && !string.IsNullOrWhiteSpace(owner) ? owner : "unknown";
}
