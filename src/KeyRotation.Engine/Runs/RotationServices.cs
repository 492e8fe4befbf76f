using KeyRotation.Engine.Ports;

namespace KeyRotation.Engine.Runs;

/// <summary>The ports a run uses, built by a host (CLI, Lambda, benchmark) from real or simulated adapters.</summary>
/// <param name="Retries">Where the resilience pipelines count their retries, so the run summary can show them; null when none.</param>
public sealed record RotationServices(
    IOrganizationDirectory Directory,
    IAccountAccess AccountAccess,
    INotifier Notifier,
    IAuditLog AuditLog,
    TimeProvider Time,
    RetryTally? Retries = null)
{
    /// <summary>
    /// How often a CreateAccessKey is sent at most when each failure was transient and a re-read showed no key was
    /// made (which makes sending it again safe). Default 3; the resilience layer sets it to the retry
    /// budget of the other calls plus one.
    /// </summary>
    public int CreateAttempts { get; init; } = 3;

    /// <summary>Which account a key id belongs to, for the operator actions (revoke, restore); null when the host
    /// offers none, and then those actions refuse to start. Not used by runs.</summary>
    public IAccessKeyInfo? AccessKeyInfo { get; init; }

    /// <summary>Where each finished run's digest is sealed (Digests/AuditSealer); null: runs are not sealed.</summary>
    public IAuditDigestStore? AuditDigests { get; init; }
}
