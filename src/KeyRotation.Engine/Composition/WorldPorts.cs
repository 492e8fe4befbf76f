using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Organizations;
using KeyRotation.Engine.Ports.Sns;
using KeyRotation.Engine.Ports.Sts;

namespace KeyRotation.Engine.Composition;

/// <summary>
/// The raw operation ports a world offers, AWS or simulated: one request per call, nothing retried, paced or decided.
/// <see cref="EngineComposition.Compose"/> builds the engine over them. Whoever made them owns and disposes them.
/// </summary>
/// <param name="Organizations">Organizations as the central principal.</param>
/// <param name="Sts">STS as the central principal; AssumeRole gives each member account's IAM and Secrets Manager operations.</param>
/// <param name="AuditLog">Where the run's audit trail goes.</param>
/// <param name="Time">The world's clock: key dates are read and credential reports awaited on it.</param>
public sealed record WorldPorts(IOrganizationsOperations Organizations, IStsOperations Sts, IAuditLog AuditLog, TimeProvider Time)
{
    /// <summary>SNS Publish; null (the default) when the world has no topic, and then notifications are dropped.</summary>
    public ISnsOperations? Sns { get; init; }

    /// <summary>The topic owners' notifications go to; ignored without <see cref="Sns"/>.</summary>
    public string? TopicArn { get; init; }

    /// <summary>Where each finished run's digest is sealed; null (the default): runs are not sealed.</summary>
    public IAuditDigestStore? AuditDigests { get; init; }

    /// <summary>
    /// The deployment's shared Organizations turns; null (the default): the run paces Organizations with its own bucket.
    /// Set where invocations run at once and must keep to the organization's rate together (the fan-out).
    /// </summary>
    public IOrganizationsTurns? OrganizationsTurns { get; init; }
}
