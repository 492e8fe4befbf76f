using System.Globalization;
using KeyRotation.Engine.Resilience;
using KeyRotation.Simulation.Cost;

namespace KeyRotation.Bench.Options;

/// <summary>Reads the command line; a bad value is reported naming the option and the value.</summary>
internal static class BenchOptionsParser
{
    public const string Usage = """
        Usage: dotnet run -c Release --project bench/KeyRotation.Bench -- [options]
          --accounts 100,1000        organization sizes (member accounts)            default 100,1000
          --users 50                 IAM users per account                           default 50
          --seed 1                   organization, key material and jitter seed      default 1
          --time-scale 2             real seconds per simulated second               default 2 (half speed)
          --baseline-sample 100      accounts the sequential baseline runs (0 = all) default 100
          --max-accounts-in-flight 1000                                              default 1000
          --max-users-in-flight 4                                                    default 4
          --report-age none|HOURS    credential report age at start                  default none (generated in-run)
          --latency svc=ms,...       e.g. iam=60,sts=80 (services: iam sts organizations secretsmanager sns audit)
          --limit svc=rps/burst,...  e.g. iam=20/40,sts=600/600; svc=none for no limit
          --client-iam rps/burst     engine's IAM pacing per account (requests)      default 20/20
          --client-sts rps/burst     engine's STS pacing                             default 500/500
          --client-org rps/burst     engine's Organizations pacing (per process)     default 2/2
          --runs LIST                ours-bulk,ours-per-key,ours-lambda,fan-out,peer,baseline
                                                                                     default all but ours-per-key
          --ous 10                   organizational units                            default 10
          --org-rates 1,2,5,10       Organizations rates for the sensitivity table   default none
          --lambda-in-flight 64      accounts in flight of ours-lambda               default 64 (template)
          --fan-out-concurrency 20   Distributed Map MaxConcurrency                  default 20 (template)
          --fan-out-pacing turns     turns (one shared table) or shares (rate/MaxC)  default turns (template)
          --item-start-ms 200        before each invoked function runs (assumed)     default 200
          --invoke-ms 25             the peer's Invoke call (assumed)                default 25
          --peer-concurrency 1000    Lambda concurrency for the peer                 default 1000
          --fan-out-time-scale 0.1   time scale of the fan-out after its listing     default 0.1
          --peer-time-scale 0.5      time scale of the peer                          default 0.5
          --jit-bootstrap PATH       JIT Lambda bootstrap for the cold start         default src/KeyRotation.Lambda/bin/Release/net10.0/bootstrap
          --aot-bootstrap PATH       Native AOT bootstrap (scripts/package-lambda.sh) default artifacts/lambda-publish/bootstrap
          --no-cold-start            skip the cold-start measurement
          --out DIR                  where results.json and results.md go            default bench/results
        """;

    /// <exception cref="FormatException">A bad option or value, named.</exception>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new FormatException($"{name} needs a value");
            options = name switch
            {
                "--accounts" => options with { Accounts = Value().Split(',').Select(v => PositiveInt(name, v)).ToArray() },
                "--users" => options with { UsersPerAccount = PositiveInt(name, Value()) },
                "--seed" => options with { Seed = Int(name, Value()) },
                "--time-scale" => options with { TimeScale = Scale(name, Value()) },
                "--baseline-sample" => options with { BaselineSample = Int(name, Value(), min: 0) },
                "--max-accounts-in-flight" => options with { MaxAccountsInFlight = PositiveInt(name, Value()) },
                "--max-users-in-flight" => options with { MaxUsersInFlight = PositiveInt(name, Value()) },
                "--report-age" => options with { ReportAge = ReportAge(name, Value()) },
                "--latency" => options with { Costs = Latencies(name, Value(), options.Costs) },
                "--limit" => options with { Costs = Limits(name, Value(), options.Costs) },
                "--runs" => options with { Runs = Runs(name, Value()) },
                "--ous" => options with { OrganizationalUnits = Int(name, Value(), min: 0) },
                "--org-rates" => options with { OrganizationsRates = Value().Split(',').Select(v => Rate(name, v)).ToArray() },
                "--lambda-in-flight" => options with { LambdaAccountsInFlight = PositiveInt(name, Value()) },
                "--fan-out-concurrency" => options with { FanOutConcurrency = PositiveInt(name, Value()) },
                "--fan-out-pacing" => options with { FanOutPacing = Pacing(name, Value()) },
                "--item-start-ms" => options with { ItemStartOverhead = TimeSpan.FromMilliseconds(Number(name, Value())) },
                "--invoke-ms" => options with { InvokeLatency = TimeSpan.FromMilliseconds(Number(name, Value())) },
                "--peer-concurrency" => options with { PeerConcurrency = PositiveInt(name, Value()) },
                "--fan-out-time-scale" => options with { FanOutTimeScale = Scale(name, Value()) },
                "--peer-time-scale" => options with { PeerTimeScale = Scale(name, Value()) },
                "--client-iam" => options with { Resilience = ClientPacing(name, Value(), options.Resilience) },
                "--client-sts" => options with { Resilience = ClientPacing(name, Value(), options.Resilience) },
                "--client-org" => options with { Resilience = ClientPacing(name, Value(), options.Resilience) },
                "--jit-bootstrap" => options with { JitBootstrap = Value() },
                "--aot-bootstrap" => options with { AotBootstrap = Value() },
                "--no-cold-start" => options with { SkipColdStart = true },
                "--out" => options with { OutputDirectory = Value() },
                _ => throw new FormatException($"unknown option '{name}'"),
            };
        }

        return options;
    }

    private static int Int(string name, string value, int min = int.MinValue) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min
            ? n
            : throw new FormatException($"{name}: '{value}' is not a whole number{(min == int.MinValue ? "" : $" of at least {min}")}");

    private static int PositiveInt(string name, string value) => Int(name, value, min: 1);

    private static double Number(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) && d >= 0
            ? d
            : throw new FormatException($"{name}: '{value}' is not a non-negative number");

    private static double Scale(string name, string value) =>
        Number(name, value) is var d && d > 0 && d <= 1000 ? d : throw new FormatException($"{name}: '{value}' must be in (0, 1000]");

    private static double Rate(string name, string value) =>
        Number(name, value) is var d && d > 0 ? d : throw new FormatException($"{name}: '{value}' must be a positive number of requests per second");

    private static string Pacing(string name, string value) => value is BenchOptions.SharedTurns or BenchOptions.Shares
        ? value
        : throw new FormatException($"{name}: '{value}' must be {BenchOptions.SharedTurns} or {BenchOptions.Shares}");

    private static TimeSpan? ReportAge(string name, string value) =>
        value == "none" ? null : TimeSpan.FromHours(Number(name, value));

    private static IReadOnlySet<string> Runs(string name, string value)
    {
        var runs = value.Split(',').ToHashSet(StringComparer.Ordinal);
        var unknown = runs.Except(BenchOptions.AllRuns).ToArray();
        return unknown.Length == 0 ? runs : throw new FormatException($"{name}: unknown run '{unknown[0]}'");
    }

    private static CostModelOptions Latencies(string name, string value, CostModelOptions costs) =>
        Pairs(name, value).Aggregate(costs, (c, p) =>
            With(name, c, p.Service, s => s with { Latency = TimeSpan.FromMilliseconds(Number(name, p.Value)) }));

    private static CostModelOptions Limits(string name, string value, CostModelOptions costs) =>
        Pairs(name, value).Aggregate(costs, (c, p) => With(name, c, p.Service, s =>
        {
            if (p.Value == "none")
            {
                return s with { RequestsPerSecond = null };
            }

            var parts = p.Value.Split('/');
            return parts.Length == 2
                ? s with { RequestsPerSecond = Number(name, parts[0]), Burst = PositiveInt(name, parts[1]) }
                : throw new FormatException($"{name}: '{p.Value}' must be RPS/BURST or none");
        }));

    private static ResilienceOptions ClientPacing(string name, string value, ResilienceOptions resilience)
    {
        if (value.Split('/') is not [var rate, var burst])
        {
            throw new FormatException($"{name}: '{value}' must be RPS/BURST");
        }

        var (perSecond, size) = (Number(name, rate), PositiveInt(name, burst));
        return resilience with
        {
            RateLimits = name switch
            {
                "--client-iam" => resilience.RateLimits with { IamRequestsPerSecondPerAccount = perSecond, IamBurstPerAccount = size },
                "--client-sts" => resilience.RateLimits with { StsRequestsPerSecond = perSecond, StsBurst = size },
                _ => resilience.RateLimits with { OrganizationsRequestsPerSecond = perSecond, OrganizationsBurst = size },
            },
        };
    }

    private static IEnumerable<(string Service, string Value)> Pairs(string name, string value) =>
        value.Split(',').Select(pair => pair.Split('=') is [var service, var v]
            ? (service, v)
            : throw new FormatException($"{name}: '{pair}' must be SERVICE=VALUE"));

    private static CostModelOptions With(string name, CostModelOptions costs, string service, Func<ServiceCost, ServiceCost> change) =>
        service switch
        {
            "iam" => costs with { Iam = change(costs.Iam) },
            "sts" => costs with { Sts = change(costs.Sts) },
            "organizations" => costs with { Organizations = change(costs.Organizations) },
            "secretsmanager" => costs with { SecretsManager = change(costs.SecretsManager) },
            "sns" => costs with { Sns = change(costs.Sns) },
            "audit" => costs with { Audit = change(costs.Audit) },
            _ => throw new FormatException($"{name}: unknown service '{service}'"),
        };
}
