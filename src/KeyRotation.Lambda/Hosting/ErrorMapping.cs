using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Sweep;
using KeyRotation.Lambda.Configuration;
using KeyRotation.Lambda.Events;
using KeyRotation.Lambda.Operations;
using KeyRotation.Lambda.Runtime;

namespace KeyRotation.Lambda.Hosting;

/// <summary>
/// An exception as the Runtime API's error document. The error type is stable and names the cause (Step Functions
/// retries match on it); the message is redacted and bounded.
/// </summary>
internal static class ErrorMapping
{
    public const string InvalidConfiguration = "KeyRotation.InvalidConfiguration";
    public const string InvalidEvent = "KeyRotation.InvalidEvent";
    /// <summary>rotate-account named an account the organization does not have; the name is kept for state machines matching on it.</summary>
    public const string AccountNotTargeted = "KeyRotation.AccountNotTargeted";
    public const string EngineNotComposed = "KeyRotation.EngineNotComposed";

    /// <summary>The audit table could not be written, so nothing was changed; a retry is safe once it is fixed.</summary>
    public const string AuditUnavailable = "KeyRotation.AuditUnavailable";
    public const string DeadlineExceeded = "KeyRotation.DeadlineExceeded";
    public const string ServiceErrorPrefix = "KeyRotation.ServiceError.";
    public const string Unexpected = "KeyRotation.UnexpectedError";

    public static RuntimeError From(Exception exception, bool deadlinePassed) => exception switch
    {
        ConfigurationException e => new(InvalidConfiguration, ErrorRedaction.Redact(e.Message)),
        EventFormatException e => new(InvalidEvent, ErrorRedaction.Redact(e.Message)),
        AccountNotInOrganizationException e => new(AccountNotTargeted, ErrorRedaction.Redact(e.Message)),
        EngineNotComposedException e => new(EngineNotComposed, e.Message),
        AuditUnavailableException e => new(AuditUnavailable, ErrorRedaction.Redact(e.Message)),
        ServiceException e => new(ServiceErrorPrefix + e.Kind, ErrorRedaction.Redact(e.Message)),
        OperationCanceledException when deadlinePassed =>
            new(DeadlineExceeded, "the invocation ran into the Lambda deadline and was cancelled"),
        _ => new(Unexpected, ErrorRedaction.Redact($"{exception.GetType().Name}: {exception.Message}")),
    };
}
