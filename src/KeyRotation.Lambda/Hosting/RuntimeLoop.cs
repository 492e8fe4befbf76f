using KeyRotation.Lambda.Configuration;
using KeyRotation.Lambda.Logging;
using KeyRotation.Lambda.Runtime;
using Microsoft.Extensions.Logging;

namespace KeyRotation.Lambda.Hosting;

/// <summary>
/// The custom runtime's loop: take the next event, hand it to the handler with the invocation's deadline and trace
/// id in force, post the answer or the error, repeat until the Runtime API hands out no more or the host is stopped.
/// </summary>
internal sealed class RuntimeLoop(
    IRuntimeApiClient client,
    Func<Invocation, CancellationToken, Task<byte[]>> handler,
    IEnvironment environment,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>The handler is cancelled this long before Lambda's deadline, leaving time to post the error.</summary>
    public static readonly TimeSpan HardStopGrace = TimeSpan.FromSeconds(2);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Invocation? invocation;
            try
            {
                invocation = await client.NextInvocationAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            if (invocation is null)
            {
                HostLog.RuntimeApiClosed(logger, "RuntimeApiClosed");
                return ExitCodes.RuntimeApiClosed;
            }

            // Stopped mid-invocation (SIGTERM at shutdown): the handler winds down, its answer is posted, then the loop ends.
            await HandleAsync(invocation, cancellationToken);
        }

        return ExitCodes.Stopped;
    }

    public async Task HandleAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        environment.Set(LambdaVariables.TraceId, invocation.TraceId);
        using var scope = logger.BeginScope(new InvocationScope(invocation.RequestId, invocation.TraceId));

        var untilHardStop = invocation.Deadline - time.GetUtcNow() - HardStopGrace;
        using var hardStop = new CancellationTokenSource(untilHardStop > TimeSpan.Zero ? untilHardStop : TimeSpan.Zero, time);

        // The runtime shutting down (SIGTERM, cancellationToken) does not cancel the handler: the handler stops
        // gracefully on it (RunOptionsFactory's Stopping), so changes in flight finish, are recorded and reported.
        // Only the hard stop before Lambda's own deadline cancels what is in flight.
        byte[] response;
        try
        {
            response = await handler(invocation, hardStop.Token);
        }
        catch (Exception e)
        {
            await FailAsync(invocation, ErrorMapping.From(e, deadlinePassed: hardStop.IsCancellationRequested), CancellationToken.None);
            return;
        }

        try
        {
            await client.PostResponseAsync(invocation.RequestId, response, CancellationToken.None);
            HostLog.InvocationSucceeded(logger, "InvocationSucceeded", response.Length);
        }
        catch (HttpRequestException e)
        {
            // Typically a response over Lambda's payload limit: say so instead of leaving the invocation hanging.
            await FailAsync(invocation, new RuntimeError("KeyRotation.ResponseRejected", ErrorRedaction.Redact(e.Message)),
                CancellationToken.None);
        }
        finally
        {
            environment.Set(LambdaVariables.TraceId, null);
        }
    }

    private async Task FailAsync(Invocation invocation, RuntimeError error, CancellationToken cancellationToken)
    {
        HostLog.InvocationFailed(logger, "InvocationFailed", error.ErrorType, error.ErrorMessage);
        await client.PostInvocationErrorAsync(invocation.RequestId, error, cancellationToken);
        environment.Set(LambdaVariables.TraceId, null);
    }
}
