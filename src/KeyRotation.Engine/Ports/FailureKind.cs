namespace KeyRotation.Engine.Ports;

/// <summary>How a failed service call should be treated; adapters and the simulation classify alike.</summary>
public enum FailureKind
{
    /// <summary>Rate exceeded; retry with backoff.</summary>
    Throttling,

    /// <summary>5xx, timeouts, connection drops; retry with backoff.</summary>
    Transient,

    /// <summary>Not authorized, role missing, trust denied; never retried.</summary>
    AccessDenied,

    /// <summary>A service quota, such as IAM's two keys per user; never retried.</summary>
    LimitExceeded,

    /// <summary>The entity does not exist; never retried.</summary>
    NotFound,

    /// <summary>The request was malformed or invalid; never retried.</summary>
    Validation,

    /// <summary>Any other error; never retried.</summary>
    Final,

    /// <summary>
    /// Nothing answered: the connection was refused or the host name did not resolve. The request never reached
    /// the service, so it is safe to send again, but retrying more than once only delays the news.
    /// </summary>
    Unreachable,
}
