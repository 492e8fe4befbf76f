using KeyRotation.Cli.Hosting;
using System.CommandLine;
using System.Globalization;
using KeyRotation.Simulation.Faults;

namespace KeyRotation.Cli.Options;

/// <summary>Faults injected into a simulated organization, and the seed that makes a simulated run repeatable.</summary>
internal sealed class FaultOptions
{
    public Option<string> Faults { get; } = new("--faults")
    {
        Description = "Simulation only: inject faults, e.g. throttle=0.3,server-error=0.05,timeout=0.02,"
            + "deny-account=ACCOUNT_ID,secret-store-down[=ACCOUNT_ID],notifier-down (see docs/resilience.md).",
        HelpName = "SPEC",
    };

    public Option<int?> Seed { get; } = new("--seed")
    {
        Description = "Simulation only: seeds the faults, new key ids and retry jitter, so a run can be repeated (default: random).",
        HelpName = "N",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed))
            {
                return seed;
            }

            result.AddError($"--seed: '{text}' is not a whole number");
            return null;
        },
    };

    /// <param name="withSeed">False where the command has a --seed of its own (demo).</param>
    public void AddTo(Command command, bool withSeed = true)
    {
        command.Add(Faults);
        if (withSeed)
        {
            command.Add(Seed);
        }
    }

    /// <exception cref="InvalidInputException">The spec is malformed; the message names the token.</exception>
    public FaultSpec ReadFaults(ParseResult result)
    {
        try
        {
            return FaultSpec.Parse(result.GetValue(Faults));
        }
        catch (FormatException e)
        {
            throw new InvalidInputException($"--faults: {e.Message}", e);
        }
    }

    public int? ReadSeed(ParseResult result) => result.GetValue(Seed);

    /// <summary>Faults and seeds shape a simulation; against AWS they would be a mistake, so they are refused.</summary>
    /// <exception cref="InvalidInputException">--faults or --seed was given.</exception>
    public void RefuseOutsideSimulation(ParseResult result)
    {
        foreach (var option in (Option[])[Faults, Seed])
        {
            if (result.GetResult(option) is { Implicit: false })
            {
                throw new InvalidInputException($"{option.Name} applies only to a simulation (--simulation FILE, or demo); it cannot be used against AWS");
            }
        }
    }
}
