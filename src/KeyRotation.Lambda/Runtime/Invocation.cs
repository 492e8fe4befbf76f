namespace KeyRotation.Lambda.Runtime;

/// <summary>One event handed out by the Runtime API's next-invocation call.</summary>
/// <param name="Deadline">From Lambda-Runtime-Deadline-Ms: when Lambda stops the invocation.</param>
/// <param name="TraceId">From Lambda-Runtime-Trace-Id, when tracing is on.</param>
internal sealed record Invocation(
    string RequestId,
    DateTimeOffset Deadline,
    string? TraceId,
    string? InvokedFunctionArn,
    byte[] Payload);
