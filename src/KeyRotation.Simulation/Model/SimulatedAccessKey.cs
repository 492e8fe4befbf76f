using KeyRotation.Core.Facts;

namespace KeyRotation.Simulation.Model;

public sealed class SimulatedAccessKey
{
    public required string Id { get; init; }

    public AccessKeyStatus Status { get; set; } = AccessKeyStatus.Active;

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>When this tool deactivated the key, as its audit trail would show; null otherwise.</summary>
    public DateTimeOffset? DeactivatedByToolAt { get; set; }
}
