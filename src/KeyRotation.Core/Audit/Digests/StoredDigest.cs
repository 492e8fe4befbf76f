namespace KeyRotation.Core.Audit.Digests;

/// <summary>A digest as the store holds it: its chain position (from its key) and its exact bytes.</summary>
public sealed record StoredDigest(long Sequence, ReadOnlyMemory<byte> Content);
