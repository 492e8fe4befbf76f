using System.Globalization;
using System.Runtime.InteropServices;
using KeyRotation.Bench.Measuring;
using KeyRotation.Bench.Options;
using KeyRotation.Bench.Output;
using KeyRotation.Bench.Scenarios;
using KeyRotation.Engine.Discovery;
using KeyRotation.Engine.Ports;
using KeyRotation.Simulation.Cost;
using KeyRotation.Simulation.Ports;

namespace KeyRotation.Bench;

/// <summary>Runs every selected run for every size, then prints and writes the results.</summary>
internal static class BenchRunner
{
    public static async Task<int> RunAsync(BenchOptions options, string command)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var sizes = new List<SizeResult>();
        foreach (var accounts in options.Accounts)
        {
            var runs = new List<RunResult>();
            LowerBound? bound = null;
            LowerBound? fanOutBound = null;
            var sensitivity = new List<OrganizationsRatePoint>();
            if (options.Runs.Contains(BenchOptions.OursBulk))
            {
                var bulk = await OursScenario.RunAsync(options, accounts, DiscoveryMode.Bulk);
                bound = bulk.Bound;
                runs.Add(Progress(bulk.Result with { BoundSeconds = bound.ReportFirstSeconds }));
            }

            if (options.Runs.Contains(BenchOptions.OursPerKey))
            {
                var perKey = (await OursScenario.RunAsync(options, accounts, DiscoveryMode.PerKey)).Result;
                runs.Add(Progress(perKey with { BoundSeconds = bound?.ReportFirstSeconds }));
            }

            if (options.Runs.Contains(BenchOptions.OursLambda))
            {
                var lambda = await OursScenario.RunAsync(
                    options, accounts, DiscoveryMode.Bulk, options.LambdaAccountsInFlight, BenchOptions.OursLambda);
                bound ??= lambda.Bound;
                runs.Add(Progress(lambda.Result with
                {
                    BoundSeconds = bound.ReportFirstSeconds,
                    WallNote = $"single sweep as the Lambda runs it: MaxAccountsInFlight {options.LambdaAccountsInFlight} (template default); bound is for unlimited parallelism",
                }));
            }

            if (options.Runs.Contains(BenchOptions.FanOut))
            {
                var (fanOut, itsBound) = await FanOutScenario.RunAsync(options, accounts);
                fanOutBound = itsBound;
                runs.Add(Progress(fanOut));
            }

            if (options.Runs.Contains(BenchOptions.Peer))
            {
                runs.Add(Progress(await PeerScenario.RunAsync(options, accounts)));
            }

            if (options.Runs.Contains(BenchOptions.Baseline))
            {
                runs.Add(Progress(await BaselineScenario.RunAsync(options, accounts)));
            }

            foreach (var rate in options.OrganizationsRates)
            {
                var at = options.WithOrganizationsRate(rate);
                var run = await OursScenario.RunAsync(at, accounts, DiscoveryMode.Bulk);
                var atBound = run.Bound;
                Progress(run.Result);
                sensitivity.Add(new OrganizationsRatePoint(rate, atBound.OrganizationsSeconds, atBound.ReportFirstSeconds,
                    run.Result.ListingSeconds, run.Result.WallSeconds, run.Result.ThrottledCalls));
            }

            sizes.Add(new SizeResult(accounts, options.UsersPerAccount, bound, runs)
            {
                FanOutBound = fanOutBound,
                OrganizationsRates = sensitivity,
            });
        }

        IReadOnlyList<ColdStartResult> coldStart = options.SkipColdStart
            ? []
            : await ColdStart.MeasureAsync(
            [
                ("JIT (framework-dependent)", options.JitBootstrap, "build it: dotnet build -c Release src/KeyRotation.Lambda"),
                ("Native AOT", options.AotBootstrap, "build it: scripts/package-lambda.sh"),
            ]);
        var report = new BenchReport(startedAt, Machine(), command, Assumptions(options), sizes, coldStart);
        Directory.CreateDirectory(options.OutputDirectory);
        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "results.json"), JsonOutput.Write(report));
        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "results.md"), MarkdownOutput.Write(report));
        Console.WriteLine(MarkdownOutput.Summary(report));
        Console.WriteLine($"Written: {Path.Combine(options.OutputDirectory, "results.json")} and results.md");
        return 0;
    }

    private static RunResult Progress(RunResult result)
    {
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Run,-13} {result.Accounts,6} accounts: {result.WallSeconds,9:N1} simulated s in {result.RealSeconds,7:N1} real s; " +
            $"listing {result.ListingSeconds,7:N1} s; processed {result.Processed}, failed {result.Failed}, throttled {result.ThrottledCalls:N0}, retries {result.Retries:N0}"));
        return result;
    }

    private static string Machine() =>
        $"{RuntimeInformation.OSDescription}, {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.FrameworkDescription}";

    private static IReadOnlyList<string> Assumptions(BenchOptions options)
    {
        static string Cost(string name, ServiceCost c)
        {
            var limit = c.RequestsPerSecond is { } rps
                ? string.Create(CultureInfo.InvariantCulture, $"{rps:0.##} requests/s burst {c.Burst} {(c.Scope == RateScope.PerAccount ? "per account" : "shared")}")
                : "no limit";
            return string.Create(CultureInfo.InvariantCulture, $"{name}: {c.Latency.TotalMilliseconds:0} ms, {limit}");
        }

        var costs = options.Costs;
        var limits = options.Resilience.RateLimits;
        var iam = new SimulatedIamOptions();
        return
        [
            "Service costs (latency; server-side token bucket that throttles with the service's own code): " + string.Join("; ",
                Cost("IAM", costs.Iam), Cost("STS", costs.Sts), Cost("Organizations", costs.Organizations),
                Cost("Secrets Manager", costs.SecretsManager), Cost("SNS", costs.Sns), Cost("audit (DynamoDB)", costs.Audit)) + ".",
            "Published quotas: STS 600 requests/s per account and Region (shared by its credential operations), Secrets Manager 50/s for PutSecretValue and CreateSecret; AWS publishes no IAM request rates (token buckets per account, not raisable) and no Organizations request rate, so those, the bursts and the latencies are assumptions.",
            options.ReportAge is { } age
                ? $"Each account's credential report is {age.TotalHours:0.##} h old at the start (reused when younger than 4 h)."
                : $"No credential report exists at the start (a daily run finds yesterday's expired): each account generates one, ready after {iam.ReportGenerationTime.TotalSeconds:0} s, polled every {new DiscoverySettings().ReportPollInterval.TotalSeconds:0} s.",
            string.Create(CultureInfo.InvariantCulture,
                $"Engine: MaxAccountsInFlight {options.MaxAccountsInFlight}, MaxUsersInFlight {options.MaxUsersInFlight}; retries {options.Resilience.Retry.MaxRetryAttempts} " +
                $"(full-jitter backoff from {options.Resilience.Retry.BaseDelay.TotalMilliseconds:0} ms); client-side pacing: IAM {limits.IamRequestsPerSecondPerAccount:0.##}/s burst {limits.IamBurstPerAccount} per account " +
                $"(one token per IAM request, retries included), STS {limits.StsRequestsPerSecond:0.##}/s burst {limits.StsBurst}, Organizations {limits.OrganizationsRequestsPerSecond:0.##}/s burst {limits.OrganizationsBurst}."),
            string.Create(CultureInfo.InvariantCulture, $"Time scales: sweeps {options.TimeScale}, fan-out {options.FanOutTimeScale}, peer {options.PeerTimeScale} real seconds per simulated second; times are simulated seconds."),
            "Baseline: the reference algorithm over every account one after another (per-key calls, our decisions, one SNS message per change, no audit, no Secrets Manager), on a virtual clock.",
            "Lower bound: unlimited parallelism; the Organizations walk's requests through the organization's bucket first (nothing is rotated before the targets are known), then per account the longest of its IAM calls through its bucket, its Secrets Manager calls through its bucket, and its chain of dependent calls, the last account entered charged with its own work (AssumeRole tokens, heaviest first), and bulk discovery's one dependency: an account's calls about its users wait until its credential report is read. The fan-out's bound adds each item's start overhead and Organizations re-read, the items over MaxConcurrency and the re-reads through the same bucket.",
            string.Create(CultureInfo.InvariantCulture,
                $"Lambda: single sweep with {options.LambdaAccountsInFlight} accounts in flight; Distributed Map MaxConcurrency {options.FanOutConcurrency}, a fresh engine per invocation (each rotate-account pacing Organizations at 1/{options.FanOutConcurrency} of the rate from an empty bucket), an OU cache per Lambda instance; {options.ItemStartOverhead.TotalMilliseconds:0} ms before each invoked function runs (assumed). Peer: {options.InvokeLatency.TotalMilliseconds:0} ms per Invoke (assumed), at most {options.PeerConcurrency} invocations at once, SDK standard retry (3 attempts, full jitter from 100 ms), Lambda's asynchronous retries after 1 and 2 minutes."),
            "Times: each run's start (audit check, RunStarted, the walk) on virtual time (exact for sequential code), the rest on real timers scaled by the time scale.",
            "Memory: peak heap = GC.GetTotalMemory(false) sampled every 50 ms during the run; peak working set = Process.PeakWorkingSet64 at the end of the run, reset at its start where Linux allows (/proc/self/clear_refs), otherwise cumulative over the process. Both include the simulated world (organization, in-memory AWS, audit table, captured notifications), which the sweeps weigh alone before and after the run (see the memory table). A later run of one invocation starts with what the heap kept committed from earlier runs: for memory figures, one run per invocation.",
        ];
    }
}
