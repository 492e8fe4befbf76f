using KeyRotation.Engine.Ports;

namespace KeyRotation.Simulation.Faults;

/// <summary>
/// "Make this call fail": matches calls by service, operation and account (null matches any) and fails either
/// every matching call or only the listed ones (1-based, counted among this rule's matching calls).
/// </summary>
public sealed record FaultRule
{
    public string? Service { get; init; }

    public string? Operation { get; init; }

    public string? AccountId { get; init; }

    /// <summary>Which matching calls fail, 1-based; null fails all of them. Default null.</summary>
    public IReadOnlySet<int>? OnCalls { get; init; }

    /// <summary>How the failure is classified. Default <see cref="FailureKind.Transient"/>.</summary>
    public FailureKind Kind { get; init; } = FailureKind.Transient;

    /// <summary>The service's error code; null picks the usual code for <see cref="Kind"/>.</summary>
    public string? Code { get; init; }

    /// <summary>HTTP status; null picks the usual status for <see cref="Kind"/>.</summary>
    public int? HttpStatus { get; init; }

    public string Detail { get; init; } = "injected fault";

    public bool Matches(SimulatedCall call) =>
        (Service is null || string.Equals(Service, call.Service, StringComparison.Ordinal))
        && (Operation is null || string.Equals(Operation, call.Operation, StringComparison.Ordinal))
        && (AccountId is null || string.Equals(AccountId, call.AccountId, StringComparison.Ordinal));

    public ServiceException ToException(SimulatedCall call) =>
        new(call.Service, call.Operation, Code ?? DefaultCode(Kind), Kind, HttpStatus ?? DefaultStatus(Kind), detail: Detail);

    /// <summary>Every matching call fails.</summary>
    public static FaultRule Always(
        string? service, string? operation, string? accountId = null, FailureKind kind = FailureKind.Transient) =>
        new() { Service = service, Operation = operation, AccountId = accountId, Kind = kind };

    /// <summary>Only the given matching calls (1-based) fail.</summary>
    public static FaultRule OnCall(
        string? service, string? operation, string? accountId, FailureKind kind, params int[] callNumbers) =>
        new() { Service = service, Operation = operation, AccountId = accountId, Kind = kind, OnCalls = callNumbers.ToHashSet() };

    private static string DefaultCode(FailureKind kind) => kind switch
    {
        FailureKind.Throttling => "Throttling",
        FailureKind.Transient => "ServiceUnavailable",
        FailureKind.AccessDenied => "AccessDenied",
        FailureKind.LimitExceeded => "LimitExceeded",
        FailureKind.NotFound => "NoSuchEntity",
        FailureKind.Validation => "ValidationError",
        _ => "InternalFailure",
    };

    private static int DefaultStatus(FailureKind kind) => kind switch
    {
        FailureKind.Throttling => 400,
        FailureKind.Transient => 503,
        FailureKind.AccessDenied => 403,
        FailureKind.LimitExceeded => 409,
        FailureKind.NotFound => 404,
        FailureKind.Validation => 400,
        _ => 500,
    };
}
