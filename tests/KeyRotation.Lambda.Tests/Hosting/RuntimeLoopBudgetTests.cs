using KeyRotation.Lambda.Hosting;
using KeyRotation.Lambda.Operations;
using KeyRotation.Lambda.Runtime;
using KeyRotation.Lambda.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KeyRotation.Lambda.Tests.Hosting;

/// <summary>The loop's deadline, refusal and stop handling, on a fake clock and an in-memory Runtime API.</summary>
public sealed class RuntimeLoopBudgetTests
{
    private static readonly DateTimeOffset Now = HostRunner.Now;

    [Fact]
    public async Task Handle_HandlerStillRunningAtHardStop_IsCancelledAndPostsDeadlineExceeded()
    {
        var time = new FakeTimeProvider(Now);
        var client = new InMemoryRuntimeClient();
        var started = new TaskCompletionSource();
        var loop = new RuntimeLoop(client, async (_, ct) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return [];
        }, FakeEnvironment.With(), time, NullLogger.Instance);

        var handling = loop.HandleAsync(Invocation(Now.AddMinutes(1)), CancellationToken.None);
        await started.Task;
        time.Advance(TimeSpan.FromMinutes(1) - RuntimeLoop.HardStopGrace);
        await handling;

        var (requestId, error) = Assert.Single(client.Errors);
        Assert.Equal("req", requestId);
        Assert.Equal(ErrorMapping.DeadlineExceeded, error.ErrorType);
    }

    [Fact]
    public async Task Handle_BeforeHardStop_HandlerTokenIsNotCancelled()
    {
        var time = new FakeTimeProvider(Now);
        var client = new InMemoryRuntimeClient();
        CancellationToken seen = default;
        var loop = new RuntimeLoop(client, (_, ct) =>
        {
            seen = ct;
            time.Advance(TimeSpan.FromMinutes(1) - RuntimeLoop.HardStopGrace - TimeSpan.FromMilliseconds(1));
            return Task.FromResult("{}"u8.ToArray());
        }, FakeEnvironment.With(), time, NullLogger.Instance);

        await loop.HandleAsync(Invocation(Now.AddMinutes(1)), CancellationToken.None);

        Assert.False(seen.IsCancellationRequested);
        Assert.Single(client.Responses);
    }

    [Fact]
    public async Task Handle_ResponseRefused_PostsAnErrorInstead()
    {
        var client = new InMemoryRuntimeClient { RefuseResponses = true };
        var loop = new RuntimeLoop(client, (_, _) => Task.FromResult("{}"u8.ToArray()), FakeEnvironment.With(),
            new FakeTimeProvider(Now), NullLogger.Instance);

        await loop.HandleAsync(Invocation(Now.AddMinutes(5)), CancellationToken.None);

        Assert.Equal("KeyRotation.ResponseRejected", Assert.Single(client.Errors).Error.ErrorType);
    }

    [Fact]
    public async Task Run_StoppedDuringAnInvocation_HandlerFinishesItsAnswerIsPostedAndNoFurtherEventTaken()
    {
        using var stop = new CancellationTokenSource();
        var client = new InMemoryRuntimeClient(Invocation(Now.AddMinutes(5)), Invocation(Now.AddMinutes(5)));
        var handled = 0;
        var loop = new RuntimeLoop(client, async (_, ct) =>
        {
            handled++;
            await stop.CancelAsync();
            // Shutdown stops the run gracefully (RotationRunOptions.Stopping); it must not cancel calls in flight.
            Assert.False(ct.IsCancellationRequested);
            return "{}"u8.ToArray();
        }, FakeEnvironment.With(), new FakeTimeProvider(Now), NullLogger.Instance);

        var exit = await loop.RunAsync(stop.Token);

        Assert.Equal(ExitCodes.Stopped, exit);
        Assert.Equal(1, handled);
        Assert.Empty(client.Errors);
        Assert.Single(client.Responses);
    }

    [Fact]
    public async Task Host_ComposeThrows_PostsInitErrorAndAsksForNoEvent()
    {
        var client = new InMemoryRuntimeClient(Invocation(Now.AddMinutes(5)));
        var dependencies = new HostDependencies(FakeEnvironment.With(), new FakeTimeProvider(Now), new Random(1),
            NullLoggerFactory.Instance, (_, _) => throw new InvalidOperationException("no credentials resolver"));

        var exit = await LambdaHost.RunAsync(dependencies, client, CancellationToken.None);

        Assert.Equal(ExitCodes.InitFailed, exit);
        Assert.Equal("KeyRotation.UnexpectedError", Assert.Single(client.InitErrors).ErrorType);
        Assert.Contains("no credentials resolver", client.InitErrors[0].ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_EngineNotComposed_EngineModesFailWithTheirOwnErrorTypeWhilePingAnswers()
    {
        var client = new InMemoryRuntimeClient(
            Invocation(Now.AddMinutes(5), """{"mode":"sweep"}""", "sweep"),
            Invocation(Now.AddMinutes(5), """{"mode":"ping"}""", "ping"));
        var dependencies = new HostDependencies(FakeEnvironment.With(), new FakeTimeProvider(Now), new Random(1),
            NullLoggerFactory.Instance, (_, _) => RotationOperations.NotComposed);

        await LambdaHost.RunAsync(dependencies, client, CancellationToken.None);

        Assert.Equal(ErrorMapping.EngineNotComposed, Assert.Single(client.Errors).Error.ErrorType);
        Assert.Equal("ping", Assert.Single(client.Responses).RequestId);
    }

    private static Invocation Invocation(DateTimeOffset deadline, string payload = "{}", string requestId = "req") =>
        new(requestId, deadline, null, null, System.Text.Encoding.UTF8.GetBytes(payload));
}
