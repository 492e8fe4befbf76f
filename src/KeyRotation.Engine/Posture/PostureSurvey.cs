using KeyRotation.Core.Facts;
using KeyRotation.Core.Policy;
using KeyRotation.Core.Targeting;
using KeyRotation.Engine.Execution;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Sweep;

namespace KeyRotation.Engine.Posture;

/// <summary>
/// The posture report: lists the accounts, enters each targeted one, discovers its users and judges them as a run
/// would, without changing anything. The audit log is only read (for the recovery windows of keys this tool
/// deactivated, which decide whether a user is blocked by the key limit); no event is written: a report is an
/// observation, so it runs with read-only credentials and leaves the trail to what was done.
/// </summary>
public sealed class PostureSurvey(RotationServices services)
{
    private static readonly IReadOnlyDictionary<string, DateTimeOffset> NoDeactivations = new Dictionary<string, DateTimeOffset>();

    private readonly RotationServices services = services ?? throw new ArgumentNullException(nameof(services));

    /// <exception cref="ArgumentException">The options are unusable; the message names each field and value.</exception>
    /// <exception cref="ServiceException">The organization's accounts could not be listed; nothing else was read.</exception>
    public async Task<PostureReport> SurveyAsync(PostureOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("invalid report options: " + string.Join("; ", problems), nameof(options));
        }

        var accounts = (await services.Directory.ListAccountsAsync(cancellationToken))
            .OrderBy(a => a.AccountId, StringComparer.Ordinal).ToArray();
        var surveys = new AccountSurvey[accounts.Length];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxAccountsInFlight, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, accounts.Length), parallel, async (i, token) =>
            surveys[i] = AccountSelector.Evaluate(accounts[i], options.Targeting, options.Tags) is { } skip
                ? AccountSurvey.Skipped(accounts[i], skip.ToString())
                : await SurveyAccountAsync(accounts[i], options, token));
        return PostureReportBuilder.Build(options, surveys);
    }

    private async Task<AccountSurvey> SurveyAccountAsync(AccountFacts account, PostureOptions options, CancellationToken cancellationToken)
    {
        var stage = "assuming the member role";
        try
        {
            var session = await services.AccountAccess.OpenAsync(account.AccountId, cancellationToken);
            stage = "discovering users";
            var discovered = await session.Identity.DiscoverUsersAsync(cancellationToken);
            stage = "reading past deactivations from the audit log";
            // As in a run: unconfirmed (bulk) users carry placeholder key ids the trail cannot know.
            var confirmed = discovered.Where(u => discovered.IsConfirmed(u.UserName)).ToArray();
            var inactive = FactMerger.InactiveKeyIds(confirmed);
            var deactivations = inactive.Count == 0
                ? NoDeactivations
                : await services.AuditLog.LastDeactivationsAsync(account.AccountId, inactive, cancellationToken);
            var users = new List<UserPosture>();
            var fromSnapshot = 0;
            // As in a run, users outside the managed scope are only counted: never judged, read again or described.
            var managed = discovered.Where(options.Scope.Contains).OrderBy(u => u.UserName, StringComparer.Ordinal).ToArray();
            foreach (var user in managed)
            {
                var posture = PostureJudge.Judge(FactMerger.Merge(user, deactivations), account, options);
                if (!discovered.IsConfirmed(user.UserName) && (posture.RotationDue || posture.BlockedByKeyLimit))
                {
                    // A snapshot errs towards "due" and cannot see recovery windows (placeholder key ids), so a due user is
                    // read live, as a run would before deciding, to tell "due" from "blocked by the key limit".
                    stage = $"reading user {user.UserName} live";
                    if (await ReadLiveAsync(session, account, user.UserName, options, cancellationToken) is not { } live)
                    {
                        continue;
                    }

                    posture = live;
                }
                else
                {
                    fromSnapshot += discovered.IsConfirmed(user.UserName) ? 0 : 1;
                }

                if (posture.RotationDue && options.Policy.SecretDelivery == SecretDelivery.SecretsManager)
                {
                    // Only due users are described, to keep calls low: a name held by a secret this tool did not create
                    // stops the next rotation before a key is made (the engine's hand-off refuses to write into it).
                    stage = $"describing the secret of user {user.UserName}";
                    var secret = await session.Secrets.DescribeAsync(user.UserName, cancellationToken);
                    posture = posture with { BlockedBySecretNameTaken = secret is { CreatedByThisTool: false } };
                }

                users.Add(posture);
            }

            return AccountSurvey.Surveyed(account, users, discovered.Notes) with
            {
                UnconfirmedUsers = fromSnapshot,
                UsersOutsideManagedScope = discovered.Count - managed.Length,
            };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            return AccountSurvey.Failed(account, $"{stage} failed: {e.Message}");
        }
    }

    /// <summary>The user as it is now, with the trail's deactivations; null when it was deleted since discovery.</summary>
    private async Task<UserPosture?> ReadLiveAsync(
        IAccountSession session, AccountFacts account, string userName, PostureOptions options, CancellationToken cancellationToken)
    {
        var live = await session.Identity.ReadUserAsync(userName, cancellationToken);
        if (live is null)
        {
            return null;
        }

        var inactive = FactMerger.InactiveKeyIds([live]);
        var audited = inactive.Count == 0
            ? NoDeactivations
            : await services.AuditLog.LastDeactivationsAsync(account.AccountId, inactive, cancellationToken);
        return PostureJudge.Judge(FactMerger.Merge(live, audited), account, options);
    }
}
