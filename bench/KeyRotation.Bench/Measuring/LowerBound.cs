using KeyRotation.Core.Audit;
using KeyRotation.Core.Planning;
using KeyRotation.Engine.Reporting;
using KeyRotation.Simulation.Cost;
using KeyRotation.Simulation.Discovery;
using KeyRotation.Simulation.Ports;

namespace KeyRotation.Bench.Measuring;

/// <summary>
/// How fast the run's work could possibly go with unlimited parallelism, from the calls the bulk run made and the
/// changes it performed. Every account must first be entered (AssumeRole, one organization-wide STS bucket); after
/// that an account takes at least the longest of: its IAM calls through its own bucket, its Secrets Manager calls
/// through its bucket, and its chain of calls that must follow one another. See bench/README.md for the formulas.
/// </summary>
internal sealed record LowerBound(
    double Seconds,
    double OrderedSeconds,
    double OrganizationWideSeconds,
    double SlowestAccountSeconds,
    string SlowestAccountLimit)
{
    public static LowerBound Of(RunReport report, IReadOnlyList<ServedCalls> served, CostModelOptions costs, SimulatedIamOptions iam)
    {
        var sec = (TimeSpan t) => t.TotalSeconds;
        var (iamCost, sts, sm) = (costs.Iam, costs.Sts, costs.SecretsManager);
        var calls = served.GroupBy(c => (c.Service, c.AccountId)).ToDictionary(g => g.Key, g => g.ToArray());
        long Count(string service, string account, params string[] operations) =>
            calls.GetValueOrDefault((service, account), []).Where(c => operations.Length == 0 || operations.Contains(c.Operation)).Sum(c => c.Count);

        // Before any account: the audit check, RunStarted, the account list; after the last: RunFinished.
        var organizationsCalls = served.Where(c => c.Service == SimulatedOperations.Organizations).Sum(c => c.Count);
        var prefix = (2 * sec(costs.Audit.Latency)) + (organizationsCalls * sec(costs.Organizations.Latency));
        var suffix = sec(costs.Audit.Latency);
        var generated = iam.ExistingReportAge is not { } age || age >= iam.ReportMaxAge;

        var work = new List<(double Seconds, string Limit)>();
        foreach (var account in report.Accounts.Where(a => a.Status == AccountStatus.Processed))
        {
            var id = account.AccountId;
            var rate = Through(iamCost, Count(SimulatedOperations.Iam, id));
            var secrets = Through(sm, Count(SimulatedOperations.SecretsManager, id));
            var pages = Math.Max(1, Count(SimulatedOperations.Iam, id, SimulatedOperations.GetAccountAuthorizationDetails));
            var discovery = (sec(iamCost.Latency) * (pages + 2 + (generated ? 1 : 0))) + (generated ? sec(iam.ReportGenerationTime) : 0);
            var chain = discovery + account.Actions.GroupBy(r => r.UserName).Select(u => UserChain(u, costs)).DefaultIfEmpty(0).Max();
            work.Add(new[] { (rate, "IAM rate"), (secrets, "Secrets Manager rate"), (chain, "call chain") }.MaxBy(w => w.Item1)!);
        }

        var assumeRoles = served.Where(c => c.Operation == SimulatedOperations.AssumeRole).Sum(c => c.Count);
        var organizationWide = Math.Max(Through(sts, assumeRoles), Through(costs.Organizations, organizationsCalls));
        var slowest = work.Count == 0 ? (Seconds: 0d, Limit: "none") : work.MaxBy(w => w.Seconds);
        var simple = prefix + Math.Max(organizationWide, sec(sts.Latency) + slowest.Seconds) + suffix;

        // The i-th AssumeRole cannot be answered before its token exists; give the earliest tokens to the heaviest accounts.
        var ordered = work.Select(w => w.Seconds).OrderDescending()
            .Select((w, i) => WhenToken(sts, i) + sec(sts.Latency) + w).DefaultIfEmpty(0).Max();
        return new LowerBound(simple, Math.Max(simple, prefix + ordered + suffix), prefix + organizationWide + suffix,
            sec(sts.Latency) + slowest.Seconds, slowest.Limit);
    }

    /// <summary>n calls through one bucket: the burst goes at once, the rest at the refill rate, and the last takes its latency.</summary>
    private static double Through(ServiceCost cost, long calls) =>
        calls == 0 ? 0 : (cost.RequestsPerSecond is { } rate ? Math.Max(0, calls - cost.Burst) / rate : 0) + cost.Latency.TotalSeconds;

    private static double WhenToken(ServiceCost cost, int index) =>
        cost.RequestsPerSecond is { } rate ? Math.Max(0, index + 1 - cost.Burst) / rate : 0;

    /// <summary>
    /// One user's calls that must follow one another: the live re-read (GetUser, ListAccessKeys, then the keys'
    /// last use side by side), each change in turn, the secret after its key, then one notification and the audit write.
    /// </summary>
    private static double UserChain(IEnumerable<ActionRecord> records, CostModelOptions costs)
    {
        var done = records.Where(r => r.Outcome == AuditOutcome.Succeeded).ToArray();
        var changes = done.Count(r => r.Action is ActionKind.CreateKey or ActionKind.DeactivateKey or ActionKind.DeleteKey);
        var creates = done.Count(r => r.Action == ActionKind.CreateKey);
        return ((3 + changes) * costs.Iam.Latency.TotalSeconds) + (creates * costs.SecretsManager.Latency.TotalSeconds)
            + costs.Sns.Latency.TotalSeconds + costs.Audit.Latency.TotalSeconds;
    }
}
