using KeyRotation.Cli.Hosting;
using System.Text.RegularExpressions;
using KeyRotation.Cli.Tests.Support;

namespace KeyRotation.Cli.Tests;

/// <summary>--faults, --seed and the run limits, through real command lines against examples/org.json.</summary>
public sealed partial class FaultFlagsTests : IDisposable
{
    private const string AsOf = "2026-11-29T12:00:00Z";

    private static readonly string Example = RepositoryRoot.File("examples", "org.json");

    private readonly TempFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task Run_SameSeedWithAndWithoutFaults_SavesIdenticalOrganizationsAndShowsRetries()
    {
        var faulty = files.PathOf("A.json");
        var clean = files.PathOf("B.json");

        var a = await CliRun.Of("run", "--simulation", Example, "--as-of", AsOf,
            "--faults", "throttle=0.3,server-error=0.05", "--seed", "7", "--save-state", faulty);
        var b = await CliRun.Of("run", "--simulation", Example, "--as-of", AsOf, "--seed", "7", "--save-state", clean);

        Assert.Equal((0, 0), (a.ExitCode, b.ExitCode));
        Assert.True(Retries(a.Out) > 0, a.Out);
        Assert.Equal(0, Retries(b.Out));
        Assert.Equal(await File.ReadAllBytesAsync(clean), await File.ReadAllBytesAsync(faulty));
        Assert.NotEmpty(a.Worlds.Single().IssuedKeys);
    }

    [Fact]
    public async Task Run_JsonWithFaults_SummaryCountsRetries()
    {
        var run = await CliRun.Of("run", "--simulation", Example, "--as-of", AsOf,
            "--faults", "throttle=0.3", "--seed", "3", "--output", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.True(run.Json().GetProperty("summary").GetProperty("retries").GetInt64() > 0, run.Out);
    }

    [Fact]
    public async Task Run_DeniedAccount_ThatAccountSkippedAsRoleNotDeployedRestProcessed()
    {
        var run = await CliRun.Of("run", "--simulation", Example, "--as-of", AsOf, "--faults", "deny-account=333333333333", "--output", "json");

        // Not asked for by id, so a refused member role reads as not deployed there (ROTATION-POLICY.md).
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var statuses = run.Json().GetProperty("accounts").EnumerateArray()
            .ToDictionary(a => a.GetProperty("accountId").GetString()!, a => a.GetProperty("status").GetString());
        Assert.Equal("Skipped", statuses["333333333333"]);
        Assert.Equal(["Processed", "Processed", "Processed"], new[] { "222222222222", "444444444444", "555555555555" }.Select(id => statuses[id]));
    }

    [Fact]
    public async Task Run_MaxRetriesZero_FaultsTheDefaultRidesOutNowFail()
    {
        string[] args = ["run", "--simulation", Example, "--as-of", AsOf, "--faults", "throttle=0.3", "--seed", "3"];

        var retried = await CliRun.Of(args);
        var notRetried = await CliRun.Of([.. args, "--max-retries", "0"]);

        Assert.Equal(0, retried.ExitCode);
        Assert.NotEqual(0, notRetried.ExitCode);
        // The first throttled request fails the run: often the organization listing's (Organizations says TooManyRequestsException).
        Assert.Matches("Throttling|TooManyRequestsException", notRetried.Out + notRetried.Error);
    }

    [Fact]
    public async Task Run_TimeBudgetShorterThanAnAccountNeeds_EveryAccountDeferredNothingChanged()
    {
        var run = await CliRun.Of("run", "--simulation", Example, "--as-of", AsOf, "--time-budget", "10s");

        Assert.Equal(ExitCodes.Deferred, run.ExitCode);
        Assert.Contains("Summary: 7 accounts: 0 processed, 3 skipped, 0 failed, 4 deferred", run.Out, StringComparison.Ordinal);
        Assert.Empty(run.Worlds.Single().IssuedKeys);
    }

    [Fact]
    public async Task Run_AmpleTimeBudgetAndLimits_EveryAccountProcessed()
    {
        var run = await CliRun.Of("run", "--simulation", Example, "--as-of", AsOf,
            "--time-budget", "10m", "--max-accounts-in-flight", "1", "--max-users-in-flight", "2");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("4 processed, 3 skipped, 0 failed, 0 deferred", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_FaultsWithoutSimulation_ExitsTwoNamingFaults()
    {
        var run = await CliRun.Of("plan", "--faults", "throttle=0.1");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("--faults applies only to a simulation", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_WithFaults_StillCompletesAndShowsRetries()
    {
        var run = await CliRun.Of("demo", "--faults", "throttle=0.3,server-error=0.05,timeout=0.02,notifier-down");

        Assert.Equal(0, run.ExitCode);
        Assert.True(Retries(run.Out) > 0, run.Out);
        Assert.Contains("notification failed", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--faults", "throttle=2", "--faults: Invalid fault spec token 'throttle=2'")]
    [InlineData("--faults", "lightning", "--faults: Invalid fault spec token 'lightning': unknown fault")]
    [InlineData("--faults", "deny-account=42", "account id '42' is not 12 digits")]
    [InlineData("--seed", "seven", "--seed: 'seven' is not a whole number")]
    [InlineData("--max-accounts-in-flight", "0", "--max-accounts-in-flight: '0' is not a whole number from 1 to 1000")]
    [InlineData("--max-users-in-flight", "many", "--max-users-in-flight: 'many' is not a whole number from 1 to 1000")]
    [InlineData("--max-retries", "101", "--max-retries: '101' is not a whole number from 0 to 100")]
    [InlineData("--iam-requests-per-second", "0", "--iam-requests-per-second: '0' is not a whole number from 1 to 100")]
    [InlineData("--iam-requests-per-second", "2.5", "--iam-requests-per-second: '2.5' is not a whole number from 1 to 100")]
    [InlineData("--time-budget", "10 minutes", "--time-budget: '10 minutes' is not a positive duration")]
    [InlineData("--time-budget", "0s", "--time-budget: '0s' is not a positive duration")]
    [InlineData("--time-budget", "8d", "--time-budget: '8d' is not a positive duration of at most 7d")]
    public async Task Run_BadFlagValue_ExitsTwoNamingFlagAndValue(string flag, string value, string message)
    {
        var state = files.PathOf("after.json");

        var run = await CliRun.Of("run", "--simulation", Example, "--save-state", state, flag, value);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
        Assert.Empty(run.Worlds);
        Assert.False(File.Exists(state));
    }

    [Theory]
    [InlineData("plan", "--faults", "--seed", "--time-budget")]
    [InlineData("run", "--max-accounts-in-flight", "--max-users-in-flight", "--max-retries")]
    [InlineData("plan", "--max-retries", "--iam-requests-per-second", "--time-budget")]
    [InlineData("demo", "--faults", "--time-budget", "--max-retries")]
    public async Task Help_Commands_ListTheFaultAndLimitFlags(string command, string first, string second, string third)
    {
        var run = await CliRun.Of(command, "--help");

        Assert.Contains(first, run.Out, StringComparison.Ordinal);
        Assert.Contains(second, run.Out, StringComparison.Ordinal);
        Assert.Contains(third, run.Out, StringComparison.Ordinal);
    }

    private static long Retries(string table) => long.Parse(RetriesInSummary().Match(table).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^Summary: .*; (\d+) retries$", RegexOptions.Multiline)]
    private static partial Regex RetriesInSummary();
}
