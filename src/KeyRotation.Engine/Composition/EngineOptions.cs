using KeyRotation.Engine.Discovery;
using KeyRotation.Engine.HandOff;
using KeyRotation.Engine.Resilience;

namespace KeyRotation.Engine.Composition;

/// <summary>How the engine is built over a world; the same options give the same pipeline whatever the world.</summary>
public sealed record EngineOptions
{
    public static EngineOptions Default { get; } = new();

    /// <summary>Retries, pacing and breakers around every operation. Default <see cref="ResilienceOptions.Default"/>.</summary>
    public ResilienceOptions Resilience { get; init; } = ResilienceOptions.Default;

    /// <summary>How users are discovered. Default <see cref="DiscoverySettings"/>() (bulk).</summary>
    public DiscoverySettings Discovery { get; init; } = new();

    /// <summary>How new key pairs are kept. Default <see cref="HandOffSettings"/>().</summary>
    public HandOffSettings HandOff { get; init; } = new();
}
