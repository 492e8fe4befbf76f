using KeyRotation.Core.Facts;
using KeyRotation.Core.Incidents;
using KeyRotation.Core.Planning;
using KeyRotation.Engine.Execution;
using KeyRotation.Engine.Notifications;
using static KeyRotation.Core.Audit.AuditOutcome;

namespace KeyRotation.Engine.Incidents;

/// <summary>
/// Revokes one located key: deactivates it at once (no idle check, no recovery-window wait), whatever opt-out or
/// exemption applies (noted), then, when asked, creates a replacement and hands it over through the rotation's own
/// <see cref="KeyHandOff"/>. A user already holding two keys gets Blocked/KeyLimit: nothing is deleted to make room.
/// </summary>
internal sealed class KeyRevoker(RunContext run, IncidentRequest request)
{
    /// <summary>IAM's limit of access keys per user.</summary>
    private const int KeysPerUser = 2;

    public async Task RunAsync(LocatedKey located, UserLog log, CancellationToken cancellationToken)
    {
        var key = located.Key;
        var overridden = IncidentRules.OverriddenProtections(located.Account, located.User, run.Options.Tags, run.Options.AsOf);
        foreach (var note in overridden)
        {
            log.Note(note);
        }

        var detail = string.Join("; ", [$"reason: {request.Reason}", .. overridden]);
        var revoke = new PlannedAction(ActionKind.RevokeKey, ReasonCode.Revoked, located.User.UserName, key.AccessKeyId,
            detail, LastUsedAt: key.LastUsedAt);
        var replace = new PlannedAction(ActionKind.CreateKey, ReasonCode.Revoked, located.User.UserName, null,
            $"replaces revoked key {key.AccessKeyId}");
        var roomForReplacement = located.User.AccessKeys.Count < KeysPerUser;
        var blocked = $"no replacement created: user {located.User.UserName} already holds {located.User.AccessKeys.Count} keys " +
            $"(the revoked one included); delete one no longer needed, then rotate";

        if (run.Options.DryRun)
        {
            log.Record(revoke, Planned, detail: Describe(key, detail));
            if (request.Replace)
            {
                if (roomForReplacement) log.Record(replace, Planned);
                else log.Record(ActionKind.Blocked, ReasonCode.KeyLimit, null, Planned, blocked);
            }

            return;
        }

        var notifier = new OwnerNotifier(run.Services.Notifier);
        string? intent = null;
        if (key.Status == AccessKeyStatus.Active)
        {
            // Written ahead, like every mutation, so a run that dies here is reconciled by the next one.
            if ((intent = await log.IntendAsync(revoke)) is null)
            {
                log.Record(revoke, Failed, $"not attempted: the audit store refused its intent: {log.LastAuditError}");
                return;
            }

            try
            {
                await located.Session.Identity.UpdateAccessKeyStatusAsync(
                    located.User.UserName, key.AccessKeyId, AccessKeyStatus.Inactive, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                log.Record(revoke, Failed, log.Fault(e), intentId: MutationFailure.Settled(e) ? intent : null);
                return;
            }
        }

        log.Record(revoke, Succeeded, detail: Describe(key, detail), intentId: intent);
        await log.FlushAsync();
        await notifier.NotifyAsync(
            OwnerMessages.KeyRevoked(located.Account, log.UserName, log.Owner, key.AccessKeyId, request.Reason!, run.Options.Actor),
            log, key.AccessKeyId, ReasonCode.Revoked);

        if (!request.Replace)
        {
            return;
        }

        if (!roomForReplacement)
        {
            log.Record(ActionKind.Blocked, ReasonCode.KeyLimit, null, Succeeded, blocked);
            await notifier.NotifyAsync(OwnerMessages.KeyLimit(located.Account, log.UserName, log.Owner, blocked),
                log, null, ReasonCode.KeyLimit);
            return;
        }

        await new KeyHandOff(located.Session, notifier).CreateAsync(
            replace, log, [.. located.User.AccessKeys.Select(k => k.AccessKeyId)], cancellationToken);
    }

    private static string Describe(AccessKeyFacts key, string detail) =>
        key.Status == AccessKeyStatus.Active ? detail : $"{detail}; already Inactive, left as it was";
}
