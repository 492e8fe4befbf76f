using KeyRotation.Core.Facts;
using KeyRotation.Core.Policy;
using KeyRotation.Core.Planning;
using KeyRotation.Engine.Posture;
using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Runs;
using KeyRotation.Engine.Sweep;
using KeyRotation.Lambda.Hosting;
using KeyRotation.Lambda.Operations;

namespace KeyRotation.Lambda.Tests.Support;

/// <summary>Engine operations that record what the host passed them and answer with set data.</summary>
internal sealed class RecordingOperations
{
    public List<RotationRunOptions> Options { get; } = [];

    /// <summary>The facts the engine "read afresh" for each rotated account (from <see cref="Targets"/> or <see cref="Skipped"/>).</summary>
    public List<AccountFacts> RotatedAccounts { get; } = [];

    /// <summary>What each rotate-account invocation claimed of its account (null: the event had only an id).</summary>
    public List<AccountFacts?> Claimed { get; } = [];

    public List<IReadOnlyList<AccountOutcome>> Finished { get; } = [];

    public List<long> FinishedRetries { get; } = [];

    public List<CancellationToken> Tokens { get; } = [];

    public IReadOnlyList<AccountFacts> Targets { get; set; } = [Account("222222222222", "dev")];

    /// <summary>Accounts the start skips, with the reason.</summary>
    public IReadOnlyList<(AccountFacts Account, string Reason)> Skipped { get; set; } = [];

    public Func<AccountFacts, AccountReport> Rotate { get; set; } = a => new AccountReport(
        a.AccountId, a.Name, AccountStatus.Processed, null, null,
        [new ActionRecord("alice", null, ActionKind.CreateKey, ReasonCode.RotationDue, "Succeeded", "replaces AKIAEXAMPLE")]);

    public Exception? Failure { get; set; }

    /// <summary>Runs inside every engine call, to observe the host's state during an invocation.</summary>
    public Action? During { get; set; }

    public RotationOperations Build() => new(
        (options, _, ct) => Record(options, () => Report(options), ct),
        (options, ct) => Record(options, () => new AccountSelection(Targets,
            [.. Skipped.Select(s => new AccountReport(s.Account.AccountId, s.Account.Name, AccountStatus.Skipped, s.Reason, null, []))],
            []) { SkippedFacts = [.. Skipped.Select(s => s.Account)] }, ct),
        (accountId, claimed, options, ct) => Record(options, () =>
        {
            var account = Targets.Concat(Skipped.Select(s => s.Account)).FirstOrDefault(a => a.AccountId == accountId)
                ?? throw new AccountNotInOrganizationException(accountId);
            RotatedAccounts.Add(account);
            Claimed.Add(claimed);
            return new AccountStep(Rotate(account), 2);
        }, ct),
        (outcomes, retries, options) => Record(options, () =>
        {
            Finished.Add(outcomes);
            FinishedRetries.Add(retries);
            return new RunFinish(new RunSummary(outcomes.Count, 0, 0, 0, 0, new Dictionary<string, int>(), []), []);
        }, CancellationToken.None),
        (options, ct) => Record(options, () => Posture(options), ct))
    {
        ReportStore = ReportStore,
    };

    /// <summary>Where the report mode also writes the report; null (default) means it is only answered.</summary>
    public Engine.Ports.IPostureReportStore? ReportStore { get; set; }

    /// <summary>One surveyed account: 4 active keys, 3 of them younger than 90 days.</summary>
    public static PostureReport Posture(RotationRunOptions options)
    {
        var figures = new PostureFigures(2, 5, 4, 1, new AgeBandCounts(3, 0, 1, 0), 0, 0, 0, 3, 4);
        return new PostureReport(options.AsOf, options.Policy, figures,
            [new AccountPosture("222222222222", "dev", "Workloads", PostureAccountStatus.Surveyed, null, null, figures)],
            [new OrganizationalUnitPosture("ou-ab12-cdef3456", "Workloads", 1, figures)], [], [],
            KeyAgeHistogram.Of([10, 20, 30, 170], options.Policy));
    }

    public static AccountFacts Account(string id, string name, IReadOnlyDictionary<string, string>? tags = null) => new(
        id, name, AccountState.Active,
        [new OrganizationalUnitFacts("ou-ab12-cdef3456", "Workloads", new Dictionary<string, string> { ["team"] = "x" })],
        tags ?? new Dictionary<string, string>());

    private Task<T> Record<T>(RotationRunOptions options, Func<T> answer, CancellationToken ct)
    {
        Options.Add(options);
        Tokens.Add(ct);
        During?.Invoke();
        if (Failure is not null)
        {
            return Task.FromException<T>(Failure);
        }

        try
        {
            return Task.FromResult(answer());
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
    }

    private RunReport Report(RotationRunOptions options)
    {
        var accounts = Targets.Select(Rotate).ToList();
        return new RunReport(options.RunId, options.AsOf, options.DryRun, RotationPolicy.Default, accounts,
            new RunSummary(accounts.Count, accounts.Count, 0, 0, 0, new Dictionary<string, int> { ["CreateKey"] = accounts.Count }, []),
            [], []);
    }
}
