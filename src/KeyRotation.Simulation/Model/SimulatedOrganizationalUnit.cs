namespace KeyRotation.Simulation.Model;

public sealed class SimulatedOrganizationalUnit
{
    public required string Id { get; init; }

    public required string Name { get; set; }

    /// <summary>"r-root" or another OU's id.</summary>
    public required string ParentId { get; set; }

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);
}
