namespace KeyRotation.Simulation.Model;

/// <summary>
/// The mutable in-memory organization the simulated ports read and change. Loaded from a simulation file,
/// generated from a seed, or built by the demo; saved back with --save-state. Never holds a secret.
/// </summary>
public sealed class SimulatedOrganization
{
    public string ManagementAccountId { get; set; } = "111111111111";

    public List<SimulatedOrganizationalUnit> OrganizationalUnits { get; } = [];

    public List<SimulatedAccount> Accounts { get; } = [];
}
