using KeyRotation.Engine.Discovery;
using KeyRotation.Engine.Ports;
using KeyRotation.Simulation.Model;
using KeyRotation.Simulation.Ports;
using KeyRotation.Testing.Discovery;

namespace KeyRotation.Engine.Tests.Discovery;

/// <summary>The engine's discovery settings and the simulated IAM's behaviour of one test, in one value.</summary>
internal sealed record DiscoveryCase(DiscoveryMode Mode)
{
    public int PageSize { get; init; } = new SimulatedIamOptions().PageSize;

    public TimeSpan? ExistingReportAge { get; init; } = new SimulatedIamOptions().ExistingReportAge;

    public TimeSpan ReportGenerationTime { get; init; } = new SimulatedIamOptions().ReportGenerationTime;

    public TimeSpan ReportPollInterval { get; init; } = new DiscoverySettings().ReportPollInterval;

    public int MaxReportPolls { get; init; } = new DiscoverySettings().MaxReportPolls;

    /// <summary>One account with <paramref name="users"/>, its simulated IAM and the engine's discovery set up as this case says.</summary>
    public DiscoveryWorld World(params SimulatedUser[] users) => new(
        new SimulatedIamOptions { PageSize = PageSize, ExistingReportAge = ExistingReportAge, ReportGenerationTime = ReportGenerationTime },
        new DiscoverySettings { Mode = Mode, ReportPollInterval = ReportPollInterval, MaxReportPolls = MaxReportPolls },
        users);
}
