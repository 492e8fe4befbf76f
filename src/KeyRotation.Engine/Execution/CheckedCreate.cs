using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Resilience.Retry;

namespace KeyRotation.Engine.Execution;

/// <summary>
/// CreateAccessKey is not idempotent, so the resilience layer never repeats it after a 5xx or a timeout: IAM may have
/// created the key, and its secret is lost with the answer. Instead of giving the rotation up until the next run,
/// this looks: it re-reads the user, and when no key appeared beyond those of the live read the plan was made from,
/// the create did not happen and is sent again. When exactly one new, never-used key appeared, it is the one this
/// create made; nobody has its secret, so the caller takes it back. Anything else is passed on as it was.
/// </summary>
internal static class CheckedCreate
{
    /// <exception cref="Exception">The create's error when it was not transient, attempts ran out, or checking failed.</exception>
    public static async Task<CreateOutcome> RunAsync(
        IIdentityStore identity, IReadOnlyCollection<string> liveKeyIds, UserLog log, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return new CreateOutcome(await identity.CreateAccessKeyAsync(log.UserName, cancellationToken), null, null);
            }
            // Throttling is retried below this, inside each attempt.
            catch (Exception error) when (attempt < log.Run.Services.CreateAttempts && FailureClassifier.IsTransient(error, cancellationToken))
            {
                var appeared = await AppearedKeysAsync(identity, log.UserName, liveKeyIds, error, log, cancellationToken);
                if (appeared.Count == 0)
                {
                    log.Run.Services.Retries?.Add();
                    log.Note($"CreateKey attempt {attempt} failed ({error.Message}); no key appeared, so it was sent again");
                    continue;
                }

                if (appeared is [{ LastUsedAt: null, Status: Core.Facts.AccessKeyStatus.Active } orphan])
                {
                    return new CreateOutcome(null, orphan.AccessKeyId, error.Message);
                }

                throw new InvalidOperationException(
                    $"{error.Message}; meanwhile keys appeared that this run cannot account for, left as they are: " +
                    string.Join(", ", appeared.Select(k => k.AccessKeyId)), error);
            }
        }
    }

    private static async Task<IReadOnlyList<Core.Facts.AccessKeyFacts>> AppearedKeysAsync(
        IIdentityStore identity, string userName, IReadOnlyCollection<string> liveKeyIds, Exception createError,
        UserLog log, CancellationToken cancellationToken)
    {
        Core.Facts.UserFacts? user;
        try
        {
            user = await identity.ReadUserAsync(userName, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException(
                $"{createError.Message}; whether IAM created the key anyway could not be checked: {log.Fault(e)}", e);
        }

        var known = liveKeyIds.ToHashSet(StringComparer.Ordinal);
        return user is null
            ? throw new InvalidOperationException($"{createError.Message}; the user no longer exists", createError)
            : [.. user.AccessKeys.Where(k => !known.Contains(k.AccessKeyId))];
    }
}

/// <summary>What a checked create ended in: the key, or a key it made whose secret was lost (with the error).</summary>
internal sealed record CreateOutcome(NewAccessKey? Key, string? OrphanKeyId, string? Error);
