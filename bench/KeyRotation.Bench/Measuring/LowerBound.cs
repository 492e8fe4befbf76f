using KeyRotation.Core.Audit;
using KeyRotation.Core.Planning;
using KeyRotation.Engine.Reporting;
using KeyRotation.Simulation.Cost;
using KeyRotation.Simulation.Ports;

namespace KeyRotation.Bench.Measuring;

/// <summary>
/// How fast the run's work could possibly go with unlimited parallelism: the calls bulk discovery and the changes the
/// bulk run performed need at the least (counted from the organization and the report, so retries add nothing). Every account must first be entered (AssumeRole, one organization-wide STS bucket); after
/// that an account takes at least the longest of: its IAM calls through its own bucket, its Secrets Manager calls
/// through its bucket, and its chain of calls that must follow one another. See bench/README.md for the formulas.
/// </summary>
internal sealed record LowerBound(
    double Seconds,
    double OrderedSeconds,
    double ReportFirstSeconds,
    double OrganizationWideSeconds,
    double SlowestAccountSeconds,
    string SlowestAccountLimit)
{
    /// <param name="keysBefore">Access keys per account and user before the run: the live re-read asks for each key's last use.</param>
    public static LowerBound Of(
        RunReport report,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> keysBefore,
        CostModelOptions costs,
        SimulatedIamOptions iam)
    {
        var sec = (TimeSpan t) => t.TotalSeconds;
        var (iamCost, sts, sm) = (costs.Iam, costs.Sts, costs.SecretsManager);

        // Before any account: the audit check, RunStarted, one ListAccounts; after the last: RunFinished.
        var prefix = (2 * sec(costs.Audit.Latency)) + sec(costs.Organizations.Latency);
        var suffix = sec(costs.Audit.Latency);
        var generated = iam.ExistingReportAge is not { } age || age >= iam.ReportMaxAge;

        var work = new List<(double Seconds, string Limit)>();
        var reportFirstWork = new List<double>();
        foreach (var account in report.Accounts.Where(a => a.Status == AccountStatus.Processed))
        {
            var keys = keysBefore.GetValueOrDefault(account.AccountId) ?? new Dictionary<string, int>();
            // Bulk discovery: the pages of users, then Generate (twice when the report has to be made) and Get.
            var pages = Math.Max(1, (keys.Count + iam.PageSize - 1) / iam.PageSize);
            var reportCalls = generated ? 3 : 2;
            var users = account.Actions.GroupBy(r => r.UserName).ToArray();
            var iamCalls = pages + reportCalls + users.Sum(u => 2 + keys.GetValueOrDefault(u.Key) + Changes(u));
            var secretCalls = users.Sum(u => Creates(u));

            var rate = Through(iamCost, iamCalls);
            var secrets = Through(sm, secretCalls);
            var discovery = (sec(iamCost.Latency) * (pages + reportCalls)) + (generated ? sec(iam.ReportGenerationTime) : 0);
            var chain = discovery + users.Select(u => UserChain(u, costs)).DefaultIfEmpty(0).Max();
            work.Add(new[] { (rate, "IAM rate"), (secrets, "Secrets Manager rate"), (chain, "call chain") }.MaxBy(w => w.Item1)!);

            // Bulk discovery decides nothing before the report is read, so every call about a user comes after it;
            // a bucket can hold no more than its burst while the report is generated.
            var afterReport = iamCalls - pages - reportCalls;
            var reportFirst = generated
                ? sec(iam.ReportGenerationTime) + sec(iamCost.Latency) + Through(iamCost, afterReport)
                : 0;
            reportFirstWork.Add(Math.Max(work[^1].Seconds, reportFirst));
        }

        var organizationWide = Math.Max(Through(sts, work.Count), Through(costs.Organizations, 1));
        var slowest = work.Count == 0 ? (Seconds: 0d, Limit: "none") : work.MaxBy(w => w.Seconds);
        var simple = prefix + Math.Max(organizationWide, sec(sts.Latency) + slowest.Seconds) + suffix;

        // The i-th AssumeRole cannot be answered before its token exists; give the earliest tokens to the heaviest accounts.
        var ordered = Ordered(work.Select(w => w.Seconds), sts);
        var reportFirstOrdered = Ordered(reportFirstWork, sts);
        return new LowerBound(simple, Math.Max(simple, prefix + ordered + suffix),
            Math.Max(simple, prefix + Math.Max(ordered, reportFirstOrdered) + suffix), prefix + organizationWide + suffix,
            sec(sts.Latency) + slowest.Seconds, slowest.Limit);
    }

    private static double Ordered(IEnumerable<double> work, ServiceCost sts) =>
        work.OrderDescending()
            .Select((w, i) => WhenToken(sts, i) + sts.Latency.TotalSeconds + w).DefaultIfEmpty(0).Max();

    private static int Changes(IEnumerable<ActionRecord> records) => records.Count(r => r.Outcome == AuditOutcome.Succeeded
        && r.Action is ActionKind.CreateKey or ActionKind.DeactivateKey or ActionKind.DeleteKey);

    private static int Creates(IEnumerable<ActionRecord> records) =>
        records.Count(r => r.Outcome == AuditOutcome.Succeeded && r.Action == ActionKind.CreateKey);

    /// <summary>n calls through one bucket: the burst goes at once, the rest at the refill rate, and the last takes its latency.</summary>
    private static double Through(ServiceCost cost, long calls) =>
        calls == 0 ? 0 : (cost.RequestsPerSecond is { } rate ? Math.Max(0, calls - cost.Burst) / rate : 0) + cost.Latency.TotalSeconds;

    private static double WhenToken(ServiceCost cost, int index) =>
        cost.RequestsPerSecond is { } rate ? Math.Max(0, index + 1 - cost.Burst) / rate : 0;

    /// <summary>
    /// One user's calls that must follow one another: the live re-read (GetUser, ListAccessKeys, then the keys'
    /// last use side by side), each change in turn, the secret after its key, then one notification and the audit write.
    /// </summary>
    private static double UserChain(IEnumerable<ActionRecord> records, CostModelOptions costs) =>
        ((3 + Changes(records)) * costs.Iam.Latency.TotalSeconds) + (Creates(records) * costs.SecretsManager.Latency.TotalSeconds)
        + costs.Sns.Latency.TotalSeconds + costs.Audit.Latency.TotalSeconds;
}
