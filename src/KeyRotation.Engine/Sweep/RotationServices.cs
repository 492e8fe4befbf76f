using KeyRotation.Engine.Ports;

namespace KeyRotation.Engine.Sweep;

/// <summary>The ports a run uses, built by a host (CLI, Lambda, benchmark) from real or simulated adapters.</summary>
public sealed record RotationServices(
    IOrganizationDirectory Directory,
    IAccountAccess AccountAccess,
    INotifier Notifier,
    IAuditLog AuditLog,
    TimeProvider Time);
