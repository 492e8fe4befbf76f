using System.Globalization;
using System.Text;
using KeyRotation.Bench.Measuring;
using KeyRotation.Bench.Options;
using KeyRotation.Bench.Scenarios;

namespace KeyRotation.Bench.Output;

/// <summary>results.md: one summary table per organization size, calls by operation, cold start, assumptions.</summary>
internal static class MarkdownOutput
{
    private const double MiB = 1024 * 1024;

    public static string Write(BenchReport report)
    {
        var text = new StringBuilder();
        Line(text, "# KeyRotation benchmark results");
        Line(text, "");
        Line(text, $"Started {report.StartedAt:u} on {report.Machine}.");
        Line(text, $"Command: `{report.Command}`");
        Line(text, "");
        Line(text, Summary(report));
        Line(text, Memory(report));
        Line(text, Window(report));
        foreach (var size in report.Sizes)
        {
            Line(text, $"## Calls by operation, {size.Accounts:N0} accounts x {size.UsersPerAccount} users");
            Line(text, "");
            Line(text, Calls(size));
        }

        Line(text, "## Cold start (process start to first Runtime API request)");
        Line(text, "");
        Line(text, "| build | ms | note |");
        Line(text, "|---|---:|---|");
        foreach (var cold in report.ColdStart)
        {
            Line(text, $"| {cold.Build} | {(cold.Milliseconds is { } ms ? N(ms, 0) : "not measured")} | {cold.Note} |");
        }

        Line(text, "");
        Line(text, "## Assumptions");
        Line(text, "");
        foreach (var assumption in report.Assumptions)
        {
            Line(text, $"- {assumption}");
        }

        return text.ToString();
    }

    /// <summary>The headline table; also what the console prints.</summary>
    public static string Summary(BenchReport report)
    {
        var text = new StringBuilder();
        Line(text, "| accounts x users | run | wall (sim s) | of which listing | its bound (sim s) | wall / bound | speed-up vs baseline | IAM calls / account | discovery calls / account (max) | IAM calls / acted user | Organizations calls | throttled | retries | failed accounts | peak heap MiB | peak working set MiB |");
        Line(text, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var size in report.Sizes)
        {
            var baseline = size.Find(BenchOptions.Baseline);
            if (size.LowerBound is { } bound)
            {
                Line(text, $"| {size.Accounts:N0} x {size.UsersPerAccount} | lower bound, sweep | {N(bound.ReportFirstSeconds, 1)} (issue's {N(bound.Seconds, 1)}) | {N(bound.OrganizationsSeconds, 1)} | | | {(baseline is null ? "" : N(baseline.WallSeconds / bound.ReportFirstSeconds, 1) + "x")} | | | | {bound.OrganizationsRequests:N0} | | | | | |");
            }

            if (size.FanOutBound is { } fanOut)
            {
                Line(text, $"| {size.Accounts:N0} x {size.UsersPerAccount} | lower bound, fan-out | {N(fanOut.Seconds, 1)} | {N(fanOut.OrganizationsSeconds, 1)} | | | | | | | {fanOut.OrganizationsRequests:N0} | | | | | |");
            }

            foreach (var run in size.Runs)
            {
                Line(text, string.Join(" | ",
                    $"| {size.Accounts:N0} x {size.UsersPerAccount}",
                    run.Run,
                    N(run.WallSeconds, 1) + (run.WallNote is null ? "" : "*"),
                    run.Run == BenchOptions.Baseline ? "" : N(run.ListingSeconds, 1),
                    run.BoundSeconds is { } b ? N(b, 1) : "",
                    run.BoundSeconds is { } bs && bs > 0 ? N(run.WallSeconds / bs, 2) : "",
                    baseline is null || run == baseline ? "" : N(baseline.WallSeconds / run.WallSeconds, 1) + "x",
                    N(run.IamCallsPerAccount, 1),
                    run.MaxBulkDiscoveryCallsPerAccount > 0 ? run.MaxBulkDiscoveryCallsPerAccount.ToString(CultureInfo.InvariantCulture) : "",
                    run.IamCallsPerActedUser is { } perUser ? N(perUser, 2) : "",
                    run.Run == BenchOptions.Baseline ? "" : run.OrganizationsCalls.ToString("N0", CultureInfo.InvariantCulture),
                    run.ThrottledCalls.ToString("N0", CultureInfo.InvariantCulture),
                    run.Retries.ToString("N0", CultureInfo.InvariantCulture),
                    run.Failed.ToString("N0", CultureInfo.InvariantCulture) + (run.FailedAttempts > 0 ? $" ({run.FailedAttempts:N0} failed once)" : ""),
                    N(run.PeakHeapBytes / MiB, 0),
                    N(run.PeakWorkingSetBytes / MiB, 0) + " |"));
            }
        }

        Line(text, "");
        foreach (var size in report.Sizes)
        {
            if (size.LowerBound is { } bound)
            {
                Line(text, $"- {size.Accounts:N0} accounts: sweep bound (report first) {N(bound.ReportFirstSeconds, 1)} s = the Organizations walk, {bound.OrganizationsRequests:N0} requests through the organization's bucket ({N(bound.OrganizationsSeconds, 1)} s), " +
                    $"then the accounts (organization-wide AssumeRole {N(bound.OrganizationWideSeconds - bound.OrganizationsSeconds, 1)} s; slowest account {N(bound.SlowestAccountSeconds, 1)} s, bound by its {bound.SlowestAccountLimit}; " +
                    $"the last entered and the credential report charged); the issue's bound without the report-first charge: {N(bound.Seconds, 1)} s.");
            }

            if (size.FanOutBound is { } fanOut)
            {
                Line(text, $"- {size.Accounts:N0} accounts: fan-out bound {N(fanOut.Seconds, 1)} s = list-targets (the walk, {N(fanOut.OrganizationsSeconds, 1)} s) + the Map (the largest of: every item's Organizations re-read through the bucket, the items' time over MaxConcurrency, the longest item {N(fanOut.SlowestAccountSeconds, 1)} s) + summarize; {fanOut.OrganizationsRequests:N0} Organizations requests in all.");
            }

            if (size.OrganizationsRates.Count > 0)
            {
                Line(text, "");
                Line(text, $"Organizations rate sensitivity, {size.Accounts:N0} x {size.UsersPerAccount}, ours-bulk (server limit and client pacing both at the rate):");
                Line(text, "");
                Line(text, "| Organizations requests/s | walk bound (s) | bound, report first (s) | listing measured (s) | wall measured (s) | wall / bound | throttled |");
                Line(text, "|---:|---:|---:|---:|---:|---:|---:|");
                foreach (var point in size.OrganizationsRates)
                {
                    Line(text, $"| {N(point.RequestsPerSecond, 1)} | {N(point.WalkBoundSeconds, 1)} | {N(point.BoundSeconds, 1)} | {N(point.ListingSeconds, 1)} | {N(point.WallSeconds, 1)} | {N(point.WallSeconds / point.BoundSeconds, 2)} | {point.Throttled:N0} |");
                }

                Line(text, "");
            }

            foreach (var run in size.Runs)
            {
                if (run.WallNote is not null)
                {
                    Line(text, $"- \\* {size.Accounts:N0} accounts, {run.Run}: {run.WallNote}.");
                }

                foreach (var note in run.Notes)
                {
                    Line(text, $"- {size.Accounts:N0} accounts, {run.Run}: {note}");
                }
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// Where each sweep's memory goes: the simulated world (weighed alone before and after the run) against what the
    /// run added; the last column is what the process would need with AWS outside it, as in the Lambda.
    /// </summary>
    public static string Memory(BenchReport report)
    {
        var runs = report.Sizes.SelectMany(s => s.Runs.Where(r => r.Memory is not null).Select(r => (s.Accounts, s.UsersPerAccount, Run: r))).ToArray();
        if (runs.Length == 0)
        {
            return "";
        }

        var text = new StringBuilder();
        Line(text, "## Memory: the simulated world's share and the engine's (MiB)");
        Line(text, "");
        Line(text, "| accounts x users | run | working set at start | world at start | world at end | run report | peak heap | peak working set | peak working set less the world at its end |");
        Line(text, "|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (accounts, users, run) in runs)
        {
            var m = run.Memory!;
            Line(text, $"| {accounts:N0} x {users} | {run.Run} | {N(m.WorkingSetAtStartBytes / MiB, 0)} | {N(m.WorldAtStartBytes / MiB, 0)} | {N(m.WorldAtEndBytes / MiB, 0)} | " +
                $"{N(m.RunReportBytes / MiB, 1)} | {N(run.PeakHeapBytes / MiB, 0)} | {N(run.PeakWorkingSetBytes / MiB, 0)}{(run.PeakWorkingSetIsPerRun ? "" : "*")} | {N((run.PeakWorkingSetBytes - m.WorldAtEndBytes) / MiB, 0)} |");
        }

        Line(text, "");
        Line(text, "- World: the generated organization and the simulated AWS (IAM with its credential reports, Secrets Manager, the audit table, captured notifications, call counts), " +
            "the reachable heap after full collections, before the run and after it once the engine is released. A run only adds to the world, so its end is its largest.");
        Line(text, "- Peak working set: the run's own (reset at its start); \\* where the system allowed no reset, the process's so far. " +
            "Less the world at its end: the engine, the runtime and the heap's garbage; the simulation's own garbage (answers it builds, copies it hands out) still counts here, so it is an upper estimate of what the engine needs with AWS outside the process.");
        return text.ToString();
    }

    /// <summary>The single sweep as the Lambda runs it against the function timeout, and where it stops fitting.</summary>
    public static string Window(BenchReport report)
    {
        var points = report.Sizes.Select(s => (s.Accounts, Run: s.Find(BenchOptions.OursLambda))).Where(p => p.Run is not null)
            .Select(p => (p.Accounts, p.Run!.WallSeconds)).ToArray();
        if (points.Length == 0)
        {
            return "";
        }

        var text = new StringBuilder();
        Line(text, $"## Lambda window (single sweep, {N(LambdaWindow.FunctionTimeoutSeconds, 0)} s timeout, {N(LambdaWindow.Margin * 100, 0)}% margin: {N(LambdaWindow.UsableSeconds, 0)} s usable)");
        Line(text, "");
        foreach (var (accounts, wall) in points)
        {
            Line(text, $"- {accounts:N0} accounts: {N(wall, 1)} s ({(wall <= LambdaWindow.UsableSeconds ? "fits" : "does not fit")}).");
        }

        Line(text, LambdaWindow.Crossing(points) is { } crossing
            ? $"- The single sweep stops fitting at about {N(crossing, 0)} accounts (interpolated linearly between the sizes measured)."
            : "- Fewer than two sizes measured: no crossing computed.");
        Line(text, "");
        return text.ToString();
    }

    private static string Calls(SizeResult size)
    {
        var text = new StringBuilder();
        var operations = size.Runs.SelectMany(r => r.CallsByOperation.Keys).Distinct().Order(StringComparer.Ordinal).ToArray();
        Line(text, "| operation | " + string.Join(" | ", size.Runs.Select(r => r.Run + (r.Run == BenchOptions.Baseline && r.Processed < r.Accounts - r.Skipped ? " (sample)" : ""))) + " |");
        Line(text, "|---|" + string.Concat(size.Runs.Select(_ => "---:|")));
        foreach (var operation in operations)
        {
            Line(text, $"| {operation} | " + string.Join(" | ", size.Runs.Select(r =>
            {
                var calls = r.CallsByOperation.GetValueOrDefault(operation);
                var throttled = r.ThrottledByOperation.GetValueOrDefault(operation);
                return calls.ToString("N0", CultureInfo.InvariantCulture)
                    + (throttled == 0 ? "" : $" ({throttled.ToString("N0", CultureInfo.InvariantCulture)} throttled)");
            })) + " |");
        }

        Line(text, "| actions done | " + string.Join(" | ", size.Runs.Select(r =>
            string.Join(", ", r.Actions.Select(p => $"{p.Key} {p.Value:N0}")))) + " |");
        return text.ToString();
    }

    private static string N(double value, int decimals) => value.ToString("N" + decimals, CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
