using KeyRotation.Engine.Ports;
using KeyRotation.Simulation.Faults;
using KeyRotation.Simulation.Ports;
using Microsoft.Extensions.Time.Testing;

namespace KeyRotation.Engine.Tests.Support;

/// <summary>Moves the fake clock forward whenever an account is entered, as slow work would.</summary>
internal sealed class AdvanceOnAssumeRole : IFaultSource
{
    public FakeTimeProvider? Time { get; set; }

    public TimeSpan Step { get; init; } = TimeSpan.FromSeconds(70);

    public ServiceException? FaultFor(SimulatedCall call)
    {
        if (call.Operation == OperationNames.AssumeRole)
        {
            Time!.Advance(Step);
        }

        return null;
    }
}
