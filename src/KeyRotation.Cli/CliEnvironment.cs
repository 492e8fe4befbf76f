using KeyRotation.Simulation.Ports;

namespace KeyRotation.Cli;

/// <summary>
/// Everything the commands take from the outside world, so tests can run real command lines against captured
/// output, a fixed clock and a seeded random.
/// </summary>
/// <param name="Out">Reports, tables and help.</param>
/// <param name="Error">Error messages.</param>
/// <param name="Time">Read once per command for the default --as-of.</param>
/// <param name="Random">Run-id suffixes and simulation seeds.</param>
internal sealed record CliEnvironment(TextWriter Out, TextWriter Error, TimeProvider Time, Random Random)
{
    /// <summary>Called with each simulated world a command builds, before it runs; lets tests compare output against the world's secrets.</summary>
    public Action<SimulatedWorld>? SimulationCreated { get; init; }

    /// <summary>Environment variables the commands read themselves (audit table, endpoint overrides). Default: the process's.</summary>
    public Func<string, string?> Variables { get; init; } = Environment.GetEnvironmentVariable;

    public static CliEnvironment System() =>
        new(Console.Out, Console.Error, TimeProvider.System, Random.Shared);
}
