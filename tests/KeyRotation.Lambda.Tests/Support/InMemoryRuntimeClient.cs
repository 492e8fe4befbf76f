using KeyRotation.Lambda.Runtime;

namespace KeyRotation.Lambda.Tests.Support;

/// <summary>The Runtime API as a queue in memory, for loop behaviour that needs no HTTP (deadlines, refusals).</summary>
internal sealed class InMemoryRuntimeClient(params Invocation[] invocations) : IRuntimeApiClient
{
    private readonly Queue<Invocation> pending = new(invocations);

    public List<(string RequestId, byte[] Body)> Responses { get; } = [];

    public List<(string RequestId, RuntimeError Error)> Errors { get; } = [];

    public List<RuntimeError> InitErrors { get; } = [];

    /// <summary>When set, posting a response fails like a Runtime API refusing an oversized answer.</summary>
    public bool RefuseResponses { get; set; }

    public Task<Invocation?> NextInvocationAsync(CancellationToken cancellationToken) =>
        Task.FromResult(pending.TryDequeue(out var next) ? next : null);

    public Task PostResponseAsync(string requestId, byte[] response, CancellationToken cancellationToken)
    {
        if (RefuseResponses)
        {
            throw new HttpRequestException("the Runtime API refused POST invocation/x/response: HTTP 413");
        }

        Responses.Add((requestId, response));
        return Task.CompletedTask;
    }

    public Task PostInvocationErrorAsync(string requestId, RuntimeError error, CancellationToken cancellationToken)
    {
        Errors.Add((requestId, error));
        return Task.CompletedTask;
    }

    public Task PostInitErrorAsync(RuntimeError error, CancellationToken cancellationToken)
    {
        InitErrors.Add(error);
        return Task.CompletedTask;
    }
}
