using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Settings;
using System.CommandLine;
using System.Globalization;
using KeyRotation.Engine.Settings;

namespace KeyRotation.Cli.Options;

/// <summary>Parallelism, time budget and retries of a plan or run; defaults in <see cref="RunLimits"/>.</summary>
internal sealed class RunLimitOptions
{
    public Option<string> MaxAccountsInFlight { get; } = InFlight(RotationSettings.MaxAccountsInFlight,
        "--max-accounts-in-flight", "Accounts processed at once", RunLimits.Default.MaxAccountsInFlight);

    public Option<string> MaxUsersInFlight { get; } = InFlight(RotationSettings.MaxUsersInFlight,
        "--max-users-in-flight", "Users processed at once within one account", RunLimits.Default.MaxUsersInFlight);

    public Option<int?> MaxRetries { get; } = Count(
        "--max-retries", 0, 100, $"Retries of a throttled or transiently failed call (default {RunLimits.Default.MaxRetries}).");

    public Option<int?> IamRequestsPerSecond { get; } = Count(
        "--iam-requests-per-second", 1, 100, "IAM requests per second in each member account, and the burst after being idle "
        + $"(default {RunLimits.Default.IamRequestsPerSecond}); lower it when other tools share the accounts' IAM budget.");

    public Option<TimeSpan?> TimeBudget { get; } = new("--time-budget")
    {
        Description = "Stop starting accounts when the run has taken this long, e.g. 10m, 90s, 1h30m or 00:10:00; "
            + "accounts not started are reported Deferred (default: no limit).",
        HelpName = "DURATION",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (DurationText.TryParse(text, out var budget) && budget > TimeSpan.Zero && budget <= DurationText.Longest)
            {
                return budget;
            }

            result.AddError($"--time-budget: '{text}' is not a positive duration of at most 7d, e.g. 10m, 90s, 1h30m or 00:10:00");
            return null;
        },
    };

    /// <summary>The engine's field each count flag names.</summary>
    public IEnumerable<KeyValuePair<string, Option>> Flags =>
    [
        new(RotationSettings.MaxAccountsInFlight.Field, MaxAccountsInFlight),
        new(RotationSettings.MaxUsersInFlight.Field, MaxUsersInFlight),
    ];

    public void AddTo(Command command)
    {
        command.Add(MaxAccountsInFlight);
        command.Add(MaxUsersInFlight);
        command.Add(TimeBudget);
        command.Add(MaxRetries);
        command.Add(IamRequestsPerSecond);
    }

    /// <exception cref="InvalidInputException">A value is unusable; the message names the flag and value.</exception>
    public RunLimits Read(ParseResult result)
    {
        var defaults = RunLimits.Default;
        var run = new SettingFlags(Flags).Read(result);
        return new RunLimits(
            run.MaxAccountsInFlight ?? defaults.MaxAccountsInFlight,
            run.MaxUsersInFlight ?? defaults.MaxUsersInFlight,
            result.GetValue(TimeBudget) ?? defaults.TimeBudget,
            result.GetValue(MaxRetries) ?? defaults.MaxRetries,
            result.GetValue(IamRequestsPerSecond) ?? defaults.IamRequestsPerSecond);
    }

    /// <summary>A count of the engine's run settings: its rule, read in <see cref="Read"/>.</summary>
    private static Option<string> InFlight(WholeNumberRule rule, string name, string description, int fallback) => new(name)
    {
        Description = $"{description}: {rule.Expectation} (default {fallback}).",
        HelpName = "N",
    };

    private static Option<int?> Count(string name, int min, int max, string description) => new(name)
    {
        Description = description,
        HelpName = "N",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            result.AddError($"{name}: '{text}' is not a whole number from {min} to {max}");
            return null;
        },
    };
}
