using KeyRotation.Core.Audit;
using KeyRotation.Core.Facts;
using KeyRotation.Core.Planning;
using KeyRotation.Engine.Execution;
using KeyRotation.Engine.Ports;
using static KeyRotation.Core.Audit.AuditOutcome;

namespace KeyRotation.Engine.Reconciliation;

/// <summary>
/// One user's reconciliation. First the open deactivate and delete intents get the outcome the keys show as read
/// (what the interrupted call did); then each key a create may have made, or whose hand-off is not recorded, is
/// judged: held by nobody (exists, created at or after the intent, never used, no hand-off recorded, the owner's
/// secret does not name it) means deactivated and deleted at once; otherwise the missing outcome is recorded.
/// </summary>
/// <exception cref="Exception">Reading the user or the secret, or a mutation, failed; what was done is recorded.</exception>
internal sealed class UserReconciliation(IAccountSession session, UnresolvedWork work, UserLog log)
{
    private const string OrphanDetail = "created by a run that stopped before its secret reached the owner; nobody holds it";

    private readonly Dictionary<string, bool> orphans = new(StringComparer.Ordinal);
    private readonly HashSet<string> deleted = new(StringComparer.Ordinal);

    /// <summary>The user's keys as read before anything was done.</summary>
    private Dictionary<string, AccessKeyFacts> keys = new(StringComparer.Ordinal);
    private string? secretKeyId;
    private bool secretRead;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var user = log.UserName;
        var intents = work.OpenIntents.Where(i => i.UserName == user).ToArray();
        var live = await session.Identity.ReadUserAsync(user, cancellationToken);
        keys = live?.AccessKeys.ToDictionary(k => k.AccessKeyId, StringComparer.Ordinal) ?? keys;

        foreach (var intent in intents.Where(i => i.Action is nameof(ActionKind.DeactivateKey) or nameof(ActionKind.DeleteKey)
            or nameof(ActionKind.RevokeKey) or nameof(ActionKind.RestoreKey)))
        {
            RecordKeyState(intent);
        }

        foreach (var intent in intents.Where(i => i.Action == AuditAction.StoreSecret))
        {
            await ResolveStoreAsync(intent, cancellationToken);
        }

        foreach (var intent in intents.Where(i => i.Action == nameof(ActionKind.CreateKey)))
        {
            await ResolveCreateAsync(intent, cancellationToken);
        }

        foreach (var unhandled in work.UnhandledKeys.Where(k => k.UserName == user && !orphans.ContainsKey(k.AccessKeyId)))
        {
            await ResolveUnhandledAsync(unhandled, cancellationToken);
        }
    }

    /// <summary>A deactivate, delete, revoke or restore intent: the outcome the key's state shows.</summary>
    private void RecordKeyState(AuditEvent intent)
    {
        var keyId = intent.AccessKeyId;
        var key = keyId is null ? null : keys.GetValueOrDefault(keyId);
        var action = Enum.Parse<ActionKind>(intent.Action);
        var (outcome, detail) = (action, key?.Status) switch
        {
            (ActionKind.DeactivateKey, AccessKeyStatus.Inactive) => (Succeeded, "the key is Inactive"),
            (ActionKind.DeactivateKey, AccessKeyStatus.Active) => (Failed, "the key is still Active: the deactivation did not happen"),
            (ActionKind.DeactivateKey, null) => (Failed, "the key no longer exists"),
            (ActionKind.RevokeKey, AccessKeyStatus.Inactive) => (Succeeded, "the key is Inactive"),
            (ActionKind.RevokeKey, AccessKeyStatus.Active) => (Failed, "the key is still Active: the revoke did not happen"),
            (ActionKind.RevokeKey, null) => (Failed, "the key no longer exists"),
            (ActionKind.RestoreKey, AccessKeyStatus.Active) => (Succeeded, "the key is Active"),
            (ActionKind.RestoreKey, AccessKeyStatus.Inactive) => (Failed, "the key is still Inactive: the restore did not happen"),
            (ActionKind.RestoreKey, null) => (Failed, "the key no longer exists"),
            (_, null) => (Succeeded, "the key no longer exists"),
            _ => (Failed, "the key still exists: the deletion did not happen"),
        };
        Resolve(intent, keyId, outcome, detail);
    }

    private async Task ResolveStoreAsync(AuditEvent intent, CancellationToken cancellationToken)
    {
        var keyId = intent.AccessKeyId!;
        if (keys.GetValueOrDefault(keyId) is not { } key)
        {
            Resolve(intent, keyId, Failed, "the key no longer exists");
        }
        else if (await IsOrphanAsync(key, intent.OccurredAt, cancellationToken))
        {
            await TakeBackAsync(key);
            Resolve(intent, keyId, Failed, "the owner's secret does not name the key; the key was deleted (OrphanedKey)");
        }
        else
        {
            var named = await SecretKeyIdAsync(cancellationToken) == keyId;
            Resolve(intent, keyId, named ? Succeeded : Failed,
                named ? "the owner's secret names the key" : "the owner's secret does not name the key, but the key has been used; left as it is");
        }

        await log.FlushAsync();
    }

    /// <summary>A create intent: the keys made at or after it, each held or taken back, and one outcome for the intent.</summary>
    private async Task ResolveCreateAsync(AuditEvent intent, CancellationToken cancellationToken)
    {
        var since = AllowingSkew(WholeSeconds(intent.OccurredAt));
        var made = keys.Values.Where(k => k.CreatedAt >= since).OrderBy(k => k.CreatedAt).ToArray();
        AccessKeyFacts? held = null;
        var takenBack = new List<string>();
        foreach (var key in made)
        {
            if (orphans.TryGetValue(key.AccessKeyId, out var known) ? known : await IsOrphanAsync(key, intent.OccurredAt, cancellationToken))
            {
                await TakeBackAsync(key);
                takenBack.Add(key.AccessKeyId);
            }
            else
            {
                held ??= key;
            }
        }

        if (held is not null)
        {
            Resolve(intent, held.AccessKeyId, Succeeded, "the key was created and its owner holds it");
        }
        else if (takenBack.Count > 0)
        {
            Resolve(intent, takenBack[0], Failed,
                $"the key was created but its secret never reached the owner; deleted (OrphanedKey): {string.Join(", ", takenBack)}");
        }
        else
        {
            Resolve(intent, null, Failed, "no key of the user was created at or after the intent: the create did not happen");
        }

        await log.FlushAsync();
    }

    /// <summary>A key recorded as created but never as handed over (for instance a roll-back that failed).</summary>
    private async Task ResolveUnhandledAsync(UnhandledKey unhandled, CancellationToken cancellationToken)
    {
        if (keys.GetValueOrDefault(unhandled.AccessKeyId) is not { } key || deleted.Contains(key.AccessKeyId))
        {
            return;
        }

        // Known from the trail to be this tool's key, so its creation time needs no check against an intent.
        if (await IsOrphanAsync(key, DateTimeOffset.MinValue, cancellationToken))
        {
            await TakeBackAsync(key);
        }
        else if (await SecretKeyIdAsync(cancellationToken) == key.AccessKeyId)
        {
            log.Audit(AuditAction.StoreSecret, nameof(ReasonCode.Reconciled), key.AccessKeyId, Succeeded,
                "the owner's secret names the key");
            log.Note($"key {key.AccessKeyId} was not recorded as handed over, but the owner's secret names it");
            await log.FlushAsync();
        }
    }

    /// <summary>
    /// The missing outcome of an intent, in the audit store only: it tells of an earlier run's change, not of one
    /// made now, so the report carries it as a note rather than as this run's action (a Failed one there would
    /// fail this run for what the stopped run did not finish).
    /// </summary>
    private void Resolve(AuditEvent intent, string? keyId, string outcome, string detail)
    {
        log.Audit(intent.Action, nameof(ReasonCode.Reconciled), keyId, outcome, $"{detail} (run {intent.RunId} stopped before recording it)",
            outcome == Failed ? "the run that intended it stopped before it was done" : null, intentId: intent.EventId);
        log.Note($"{intent.Action} {keyId ?? "(new key)"} left open by run {intent.RunId}: {detail}");
    }

    /// <summary>
    /// How far IAM's clock (which dates a key) may be behind the host's (which dates the intent): SigV4 refuses a
    /// request signed more than 5 minutes off AWS's clock, so a create that went through was sent by a host at most
    /// that far off. Without the allowance a host running fast would leave its orphan keys unseen.
    /// </summary>
    internal static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static DateTimeOffset AllowingSkew(DateTimeOffset instant) =>
        instant - DateTimeOffset.MinValue > ClockSkew ? instant - ClockSkew : DateTimeOffset.MinValue;

    private async Task<bool> IsOrphanAsync(AccessKeyFacts key, DateTimeOffset intendedAt, CancellationToken cancellationToken)
    {
        if (orphans.TryGetValue(key.AccessKeyId, out var known))
        {
            return known;
        }

        var orphan = key.CreatedAt >= AllowingSkew(WholeSeconds(intendedAt))
            && key.LastUsedAt is null
            && !work.HandedOffKeyIds.Contains(key.AccessKeyId)
            && await SecretKeyIdAsync(cancellationToken) != key.AccessKeyId;
        orphans[key.AccessKeyId] = orphan;
        return orphan;
    }

    /// <summary>Deactivates (when Active) and deletes a key nobody holds, each with its intent and outcome.</summary>
    private async Task TakeBackAsync(AccessKeyFacts key)
    {
        orphans[key.AccessKeyId] = true;
        if (!deleted.Add(key.AccessKeyId))
        {
            return;
        }

        if (key.Status == AccessKeyStatus.Active)
        {
            await MutateAsync(ActionKind.DeactivateKey, key.AccessKeyId, () =>
                session.Identity.UpdateAccessKeyStatusAsync(log.UserName, key.AccessKeyId, AccessKeyStatus.Inactive, CancellationToken.None));
        }

        await MutateAsync(ActionKind.DeleteKey, key.AccessKeyId, () =>
            session.Identity.DeleteAccessKeyAsync(log.UserName, key.AccessKeyId, CancellationToken.None));
    }

    private async Task MutateAsync(ActionKind action, string keyId, Func<Task> call)
    {
        var reason = nameof(ReasonCode.OrphanedKey);
        if (await log.IntendAsync(action.ToString(), reason, keyId, OrphanDetail) is not { } intent)
        {
            throw new InvalidOperationException($"the audit store refused the intent to take back key {keyId}: {log.LastAuditError}");
        }

        try
        {
            await call();
        }
        catch (Exception e)
        {
            log.Record(action, ReasonCode.OrphanedKey, keyId, Failed, OrphanDetail, log.Fault(e),
                intentId: MutationFailure.Settled(e) ? intent : null);
            await log.FlushAsync();
            throw;
        }

        log.Record(action, ReasonCode.OrphanedKey, keyId, Succeeded, OrphanDetail, intentId: intent);
        await log.FlushAsync();
    }

    /// <summary>The key id the owner's secret names, read once; null when there is no secret or it names none.</summary>
    private async Task<string?> SecretKeyIdAsync(CancellationToken cancellationToken)
    {
        if (!secretRead)
        {
            secretKeyId = (await session.Secrets.DescribeAsync(log.UserName, cancellationToken))?.AccessKeyId;
            secretRead = true;
        }

        return secretKeyId;
    }

    /// <summary>IAM keeps a key's creation time to the second; an intent's time is finer.</summary>
    private static DateTimeOffset WholeSeconds(DateTimeOffset instant) =>
        instant == DateTimeOffset.MinValue ? instant : instant.AddTicks(-(instant.UtcTicks % TimeSpan.TicksPerSecond));
}
