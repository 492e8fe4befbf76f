using KeyRotation.Core.Facts;

namespace KeyRotation.Simulation.Model;

public sealed class SimulatedAccount
{
    public required string Id { get; init; }

    public required string Name { get; set; }

    public AccountState State { get; set; } = AccountState.Active;

    /// <summary>"r-root" or an OU id.</summary>
    public string ParentId { get; set; } = "r-root";

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    public List<SimulatedUser> Users { get; } = [];
}
