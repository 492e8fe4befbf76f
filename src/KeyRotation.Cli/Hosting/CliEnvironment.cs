using KeyRotation.Simulation.Ports;

namespace KeyRotation.Cli.Hosting;

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

    /// <summary>Extra failures injected into a simulation run (tests); none by default.</summary>
    public IReadOnlyList<KeyRotation.Simulation.Faults.IFaultSource> FaultSources { get; init; } = [];

    /// <summary>The graceful stop signals request (<see cref="StopSignals"/>); tests request it directly.</summary>
    public GracefulStop Stop { get; init; } = new();

    /// <summary>Whether <see cref="Error"/> is a terminal, where progress is a live line rather than periodic lines. Default false.</summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>The process's streams; stdout guarded so a closed or full stdout cannot end a run midway.</summary>
    public static CliEnvironment System(GracefulStop stop) =>
        new(new GuardedWriter(Console.Out, "standard output"), Console.Error, TimeProvider.System, Random.Shared) { Stop = stop, ErrorIsTerminal = !Console.IsErrorRedirected };
}
