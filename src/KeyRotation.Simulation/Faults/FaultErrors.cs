using KeyRotation.Engine.Ports;

namespace KeyRotation.Simulation.Faults;

/// <summary>The errors a fault raises, shaped like the ones the AWS adapters raise for the same service.</summary>
internal static class FaultErrors
{
    private const string Detail = "simulated fault";

    /// <summary>
    /// awsQuery services (IAM, STS, SNS) say "Throttling"; Organizations' model names TooManyRequestsException;
    /// Secrets Manager and DynamoDB (the audit log) say ThrottlingException. All HTTP 400.
    /// </summary>
    public static ServiceException Throttling(SimulatedCall call) =>
        new(call.Service, call.Operation, ThrottlingCode(call.Service), FailureKind.Throttling, 400, detail: Detail);

    public static ServiceException ServerError(SimulatedCall call, bool unavailable) => unavailable
        ? new(call.Service, call.Operation, "ServiceUnavailable", FailureKind.Transient, 503, detail: Detail)
        : new(call.Service, call.Operation, "InternalFailure", FailureKind.Transient, 500, detail: Detail);

    /// <summary>A client-side timeout: no HTTP status, and the request may have been acted on.</summary>
    public static ServiceException Timeout(SimulatedCall call) =>
        new(call.Service, call.Operation, "RequestTimeout", FailureKind.Transient, detail: Detail);

    public static ServiceException AccessDenied(SimulatedCall call) =>
        new(call.Service, call.Operation, "AccessDenied", FailureKind.AccessDenied, 403,
            detail: $"simulated: role in account {call.AccountId} cannot be assumed");

    /// <summary>Final, unlike a real InternalServiceError, so that the store stays down however often it is retried.</summary>
    public static ServiceException SecretStoreDown(SimulatedCall call) =>
        new(call.Service, call.Operation, "InternalServiceError", FailureKind.Final, 500,
            detail: $"simulated: secret store of account {call.AccountId} is down");

    public static ServiceException NotifierDown(SimulatedCall call) =>
        new(call.Service, call.Operation, "InternalError", FailureKind.Final, 500, detail: "simulated: notifier is down");

    private static string ThrottlingCode(string service) => service switch
    {
        "organizations" => "TooManyRequestsException",
        "secretsmanager" or "audit" => "ThrottlingException",
        _ => "Throttling",
    };
}
