namespace KeyRotation.Simulation.Model;

public sealed class SimulatedUser
{
    public required string Name { get; init; }

    /// <summary>The user's IAM path. Default <c>/</c>.</summary>
    public string Path { get; init; } = "/";

    /// <summary>Who created the user's secret under the tool's name, when someone other than the tool did (a squatter).</summary>
    public string? SecretNameTakenBy { get; init; }

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    public List<SimulatedAccessKey> AccessKeys { get; } = [];
}
