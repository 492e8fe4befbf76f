namespace KeyRotation.Core.Policy;

/// <summary>The policy that applies to one user after tag overrides, and the overrides that were ignored.</summary>
internal sealed record ResolvedPolicy(RotationPolicy Effective, IReadOnlyList<OverrideRejection> Rejections);
