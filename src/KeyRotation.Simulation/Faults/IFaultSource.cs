using KeyRotation.Engine.Ports;

namespace KeyRotation.Simulation.Faults;

/// <summary>Decides whether a simulated call fails, and how: the same typed errors the AWS adapters raise.</summary>
public interface IFaultSource
{
    /// <returns>The error to raise instead of performing the call, or null to let it through.</returns>
    ServiceException? FaultFor(SimulatedCall call);
}
