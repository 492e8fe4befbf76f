using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Running;
using System.Text.Json;
using KeyRotation.Simulation.Ports;

namespace KeyRotation.Cli.Tests.Support;

/// <summary>One real command line, run in process with captured output, a fixed clock and a seeded random.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error, IReadOnlyList<SimulatedWorld> Worlds)
{
    public static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    /// <summary>With no environment variables, so the developer's shell (e.g. $KEYROTATION_AUDIT_TABLE) cannot leak in.</summary>
    public static Task<CliRun> Of(params string[] args) => With(new Dictionary<string, string>(), args);

    /// <param name="variables">The environment variables the command sees (the SDK's credential lookup still reads the process's).</param>
    public static Task<CliRun> With(IReadOnlyDictionary<string, string> variables, params string[] args) =>
        With(variables, new FrozenClock(Now), args);

    /// <param name="clock">The run's clock; <see cref="FrozenClock"/> at <see cref="Now"/> in <see cref="With(IReadOnlyDictionary{string, string}, string[])"/>.</param>
    public static async Task<CliRun> With(IReadOnlyDictionary<string, string> variables, TimeProvider clock, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var worlds = new List<SimulatedWorld>();
        var environment = new CliEnvironment(output, error, clock, new Random(7))
        {
            SimulationCreated = worlds.Add,
            Variables = name => variables.GetValueOrDefault(name),
        };

        var exitCode = await Cli.RunAsync(args, environment);
        return new CliRun(exitCode, output.ToString(), error.ToString(), worlds);
    }

    public JsonElement Json() => JsonDocument.Parse(Out).RootElement;

    /// <summary>Every secret the simulated IAM issued during the run.</summary>
    public IReadOnlyList<string> IssuedSecrets =>
        Worlds.SelectMany(w => w.IssuedKeys).Select(k => k.Key.SecretAccessKey.Reveal()).ToArray();
}
