using System.Globalization;
using System.Text;
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
        Line(text, "| accounts x users | run | wall (sim s) | wall / LB | wall / LB (ordered, report first) | speed-up vs baseline | IAM calls / account | bulk discovery calls / account (max) | IAM calls / acted user | throttled | retries | failed accounts | peak heap MiB | peak working set MiB |");
        Line(text, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var size in report.Sizes)
        {
            var baseline = size.Find(BenchOptions.Baseline);
            if (size.LowerBound is { } bound)
            {
                Line(text, $"| {size.Accounts:N0} x {size.UsersPerAccount} | lower bound | {N(bound.Seconds, 1)} (ordered, report first {N(bound.ReportFirstSeconds, 1)}) | 1.00 | | {(baseline is null ? "" : N(baseline.WallSeconds / bound.Seconds, 1) + "x")} | | | | | | | | |");
            }

            foreach (var run in size.Runs)
            {
                var lb = size.LowerBound;
                Line(text, string.Join(" | ",
                    $"| {size.Accounts:N0} x {size.UsersPerAccount}",
                    run.Run,
                    N(run.WallSeconds, 1) + (run.WallNote is null ? "" : "*"),
                    lb is null ? "" : N(run.WallSeconds / lb.Seconds, 2),
                    lb is null ? "" : N(run.WallSeconds / lb.ReportFirstSeconds, 2),
                    baseline is null || run == baseline ? "" : N(baseline.WallSeconds / run.WallSeconds, 1) + "x",
                    N(run.IamCallsPerAccount, 1),
                    run.Run == BenchOptions.OursBulk ? run.MaxBulkDiscoveryCallsPerAccount.ToString(CultureInfo.InvariantCulture) : "",
                    run.IamCallsPerActedUser is { } perUser ? N(perUser, 2) : "",
                    run.ThrottledCalls.ToString("N0", CultureInfo.InvariantCulture),
                    run.Retries.ToString("N0", CultureInfo.InvariantCulture),
                    run.Failed.ToString(CultureInfo.InvariantCulture),
                    N(run.PeakHeapBytes / MiB, 0),
                    N(run.PeakWorkingSetBytes / MiB, 0) + " |"));
            }
        }

        Line(text, "");
        foreach (var size in report.Sizes)
        {
            if (size.LowerBound is { } bound)
            {
                Line(text, $"- {size.Accounts:N0} accounts: lower bound {N(bound.Seconds, 1)} s = max(organization-wide {N(bound.OrganizationWideSeconds, 1)} s, " +
                    $"slowest account {N(bound.SlowestAccountSeconds, 1)} s, bound by its {bound.SlowestAccountLimit}); " +
                    $"ordered bound {N(bound.OrderedSeconds, 1)} s (the last account entered still has its own work to do); " +
                    $"ordered, report first {N(bound.ReportFirstSeconds, 1)} s (bulk discovery decides nothing before the credential report is read).");
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

    private static string Calls(SizeResult size)
    {
        var text = new StringBuilder();
        var operations = size.Runs.SelectMany(r => r.CallsByOperation.Keys).Distinct().Order(StringComparer.Ordinal).ToArray();
        Line(text, "| operation | " + string.Join(" | ", size.Runs.Select(r => r.Run + (r.WallNote is null ? "" : " (sample)"))) + " |");
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
