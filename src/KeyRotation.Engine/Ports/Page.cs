namespace KeyRotation.Engine.Ports;

/// <summary>
/// One page of a listing operation and the marker of the next (null on the last page). Operations return one page;
/// walking the pages is the engine's business (Engine/Paging).
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextMarker);
