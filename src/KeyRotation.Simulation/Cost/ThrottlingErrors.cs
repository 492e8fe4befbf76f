using KeyRotation.Engine.Ports;
using KeyRotation.Simulation.Faults;

namespace KeyRotation.Simulation.Cost;

/// <summary>A token bucket's refusal, shaped like the service's own (see <see cref="FaultErrors.ThrottlingCode"/>).</summary>
internal static class ThrottlingErrors
{
    public static ServiceException For(SimulatedCall call) =>
        new(call.Service, call.Operation, FaultErrors.ThrottlingCode(call.Service), FailureKind.Throttling, 400,
            detail: call.Service is "iam" or "secretsmanager"
                ? $"Rate exceeded (simulated limit of account {call.AccountId})"
                : "Rate exceeded (simulated limit)");
}
