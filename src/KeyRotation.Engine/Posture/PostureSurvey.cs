using KeyRotation.Core.Facts;
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
            var discovered = DiscoveredUsers.Of(await session.Identity.DiscoverUsersAsync(cancellationToken));
            stage = "reading past deactivations from the audit log";
            // As in a run: unconfirmed (bulk) users carry placeholder key ids the trail cannot know.
            var confirmed = discovered.Where(u => discovered.IsConfirmed(u.UserName)).ToArray();
            var inactive = FactMerger.InactiveKeyIds(confirmed);
            var deactivations = inactive.Count == 0
                ? NoDeactivations
                : await services.AuditLog.LastDeactivationsAsync(account.AccountId, inactive, cancellationToken);
            var users = discovered.OrderBy(u => u.UserName, StringComparer.Ordinal)
                .Select(u => PostureJudge.Judge(FactMerger.Merge(u, deactivations), account, options))
                .ToArray();
            return AccountSurvey.Surveyed(account, users, discovered.Notes) with { UnconfirmedUsers = discovered.Count - confirmed.Length };
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
}
