namespace KeyRotation.Simulation.Model;

public sealed class SimulatedUser
{
    public required string Name { get; init; }

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    public List<SimulatedAccessKey> AccessKeys { get; } = [];
}
