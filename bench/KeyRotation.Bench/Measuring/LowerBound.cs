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
    /// <summary>The Organizations walk's requests charged before any account starts.</summary>
    public int OrganizationsRequests { get; init; }

    /// <summary>Those requests through the organization's Organizations bucket (rate, burst, latency).</summary>
    public double OrganizationsSeconds { get; init; }

    /// <param name="keysBefore">Access keys per account and user before the run: the live re-read asks for each key's last use.</param>
    public static LowerBound Of(
        RunReport report,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> keysBefore,
        CostModelOptions costs,
        SimulatedIamOptions iam,
        int organizationsRequests = 1)
    {
        var sec = (TimeSpan t) => t.TotalSeconds;
        var sts = costs.Sts;

        // Before any account: the audit check, RunStarted, then the Organizations walk through the organization's
        // bucket (nothing is rotated before the targets are known); after the last: RunFinished.
        var walk = Through(costs.Organizations, organizationsRequests);
        var prefix = (2 * sec(costs.Audit.Latency)) + walk;
        var suffix = sec(costs.Audit.Latency);
        var (work, reportFirstWork, _) = PerAccount(report, keysBefore, costs, iam);

        var organizationWide = Through(sts, work.Count);
        var slowest = work.Count == 0 ? (Seconds: 0d, Limit: "none") : work.MaxBy(w => w.Seconds);
        var simple = prefix + Math.Max(organizationWide, sec(sts.Latency) + slowest.Seconds) + suffix;

        // The i-th AssumeRole cannot be answered before its token exists; give the earliest tokens to the heaviest accounts.
        var ordered = Ordered(work.Select(w => w.Seconds), sts);
        var reportFirstOrdered = Ordered(reportFirstWork, sts);
        return new LowerBound(simple, Math.Max(simple, prefix + ordered + suffix),
            Math.Max(simple, prefix + Math.Max(ordered, reportFirstOrdered) + suffix), prefix + organizationWide + suffix,
            sec(sts.Latency) + slowest.Seconds, slowest.Limit)
        {
            OrganizationsRequests = organizationsRequests,
            OrganizationsSeconds = walk,
        };
    }

    /// <summary>
    /// The fan-out's bound (report first): list-targets (the walk) and summarize each one invocation after its start
    /// overhead; in between, Map items at most <paramref name="concurrency"/> at once, each at least its start
    /// overhead, its Organizations re-read one request after another, AssumeRole and the account's own work, and every
    /// re-read request through the organization's one Organizations bucket. So the middle is at least the largest of:
    /// the re-reads through the bucket, the items' total time over the concurrency, and the longest item.
    /// </summary>
    /// <param name="organizationsRequests">list-targets' walk (without the accounts' tags).</param>
    /// <param name="rereadRequests">Organizations requests of each target's re-read (each OU read once for the whole map, the best case).</param>
    public static LowerBound FanOut(
        RunReport report,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> keysBefore,
        CostModelOptions costs,
        SimulatedIamOptions iam,
        int organizationsRequests,
        IReadOnlyDictionary<string, int> rereadRequests,
        int concurrency,
        TimeSpan itemOverhead)
    {
        var sec = (TimeSpan t) => t.TotalSeconds;
        var walk = Through(costs.Organizations, organizationsRequests);
        var overhead = sec(itemOverhead);
        var (_, reportFirstWork, ids) = PerAccount(report, keysBefore, costs, iam);
        var rereadLatency = sec(costs.Organizations.Latency);
        var items = reportFirstWork.Select((w, i) =>
            overhead + (rereadRequests.GetValueOrDefault(ids[i]) * rereadLatency) + sec(costs.Sts.Latency) + w).ToArray();
        var middle = Math.Max(
            Through(costs.Organizations, rereadRequests.Values.Sum()),
            Math.Max(items.Sum() / concurrency, items.DefaultIfEmpty(0).Max()));
        var listTargets = overhead + (2 * sec(costs.Audit.Latency)) + walk;
        var summarize = overhead + sec(costs.Audit.Latency);
        var seconds = listTargets + middle + summarize;
        return new LowerBound(seconds, seconds, seconds, listTargets + summarize, items.DefaultIfEmpty(0).Max(), "fan-out item")
        {
            OrganizationsRequests = organizationsRequests + rereadRequests.Values.Sum(),
            OrganizationsSeconds = walk,
        };
    }

    /// <summary>Per processed account: its work and what limits it, and its work with the report-first charge.</summary>
    private static (List<(double Seconds, string Limit)> Work, List<double> ReportFirst, List<string> AccountIds) PerAccount(
        RunReport report,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> keysBefore,
        CostModelOptions costs,
        SimulatedIamOptions iam)
    {
        var sec = (TimeSpan t) => t.TotalSeconds;
        var (iamCost, sm) = (costs.Iam, costs.SecretsManager);
        var generated = iam.ExistingReportAge is not { } age || age >= iam.ReportMaxAge;
        var work = new List<(double Seconds, string Limit)>();
        var reportFirstWork = new List<double>();
        var ids = new List<string>();
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
            ids.Add(account.AccountId);
        }

        return (work, reportFirstWork, ids);
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
