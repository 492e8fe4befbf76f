using KeyRotation.Lambda.Configuration;
using KeyRotation.Lambda.Operations;
using Microsoft.Extensions.Logging;

namespace KeyRotation.Lambda.Hosting;

/// <summary>Everything the host takes from outside, so a test can give it fakes.</summary>
/// <param name="Compose">Builds the engine operations from validated settings; see Wiring/Composition.cs.</param>
internal sealed record HostDependencies(
    IEnvironment Environment,
    TimeProvider Time,
    Random Random,
    ILoggerFactory LoggerFactory,
    Func<HostSettings, TimeProvider, RotationOperations> Compose);
