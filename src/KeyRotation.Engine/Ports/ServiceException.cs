namespace KeyRotation.Engine.Ports;

/// <summary>
/// The one error type every adapter raises for a failed service call. The message names service, operation and
/// code; it must never contain request or response bodies (they may hold secrets).
/// </summary>
public sealed class ServiceException : Exception
{
    public ServiceException(
        string service, string operation, string code, FailureKind kind,
        int? httpStatus = null, string? requestId = null, string? detail = null, Exception? inner = null)
        : base(Describe(service, operation, code, httpStatus, requestId, detail), inner)
    {
        Service = service;
        Operation = operation;
        Code = code;
        Kind = kind;
        HttpStatus = httpStatus;
        RequestId = requestId;
    }

    public string Service { get; }
    public string Operation { get; }
    public string Code { get; }
    public FailureKind Kind { get; }
    public int? HttpStatus { get; }
    public string? RequestId { get; }

    public bool IsRetryable => Kind is FailureKind.Throttling or FailureKind.Transient or FailureKind.Unreachable;

    private static string Describe(string service, string operation, string code, int? status, string? requestId, string? detail)
    {
        var text = $"{service} {operation} failed: {code}";
        if (status is not null) text += $" (HTTP {status})";
        if (!string.IsNullOrEmpty(detail)) text += $": {detail}";
        if (!string.IsNullOrEmpty(requestId)) text += $" [request {requestId}]";
        return text;
    }
}
