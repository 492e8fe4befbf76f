using System.Text;
using KeyRotation.Lambda.Configuration;
using KeyRotation.Lambda.Events;
using KeyRotation.Lambda.Hosting;
using KeyRotation.Lambda.Operations;
using KeyRotation.Lambda.Runtime;
using KeyRotation.Lambda.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KeyRotation.Lambda.Tests.Events;

/// <summary>The Lambda host's graceful stop (shutdown and deadline), and its risky inputs.</summary>
public sealed class GracefulStopTests
{
    private static (ModeHandlers Handlers, RecordingOperations Operations, FakeTimeProvider Time) Build(CancellationToken shutdown)
    {
        var settings = HostSettingsReader.Read(FakeEnvironment.With());
        var time = new FakeTimeProvider(HostRunner.Now);
        var operations = new RecordingOperations();
        var options = new RunOptionsFactory(settings, time, new Random(3), "lambda:test") { Shutdown = shutdown };
        return (new ModeHandlers(settings, operations.Build(), options, NullLogger.Instance), operations, time);
    }

    private static Invocation Sweep(DateTimeOffset deadline) =>
        new("req", deadline, null, null, Encoding.UTF8.GetBytes("""{"mode":"sweep"}"""));

    [Fact]
    public async Task Sweep_RuntimeShutsDownMidRun_RunIsToldToStopNotCancelled()
    {
        using var shutdown = new CancellationTokenSource();
        var (handlers, operations, _) = Build(shutdown.Token);
        bool? stoppingSeen = null;
        operations.During = () =>
        {
            shutdown.Cancel();
            stoppingSeen = operations.Options[^1].Stopping.IsCancellationRequested;
        };

        await new InvocationDispatcher(handlers).HandleAsync(Sweep(HostRunner.Now.AddMinutes(15)), CancellationToken.None);

        Assert.True(stoppingSeen);
        Assert.False(operations.Tokens.Single().IsCancellationRequested);
    }

    [Fact]
    public async Task Sweep_DeadlineComes_RunIsToldToStopBeforeLambdasDeadline()
    {
        var (handlers, operations, time) = Build(CancellationToken.None);
        var seen = new List<bool>();
        operations.During = () =>
        {
            var stopping = operations.Options[^1].Stopping;
            seen.Add(stopping.IsCancellationRequested);
            // The run's deadline is Lambda's minus the margin (10 s by default).
            time.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(11));
            seen.Add(stopping.IsCancellationRequested);
            time.Advance(TimeSpan.FromSeconds(1));
            seen.Add(stopping.IsCancellationRequested);
        };

        await new InvocationDispatcher(handlers).HandleAsync(Sweep(HostRunner.Now.AddMinutes(15)), CancellationToken.None);

        Assert.Equal([false, false, true], seen);
    }

    [Fact]
    public async Task Handle_NullEvent_IsANamedErrorAndNoSweep()
    {
        var (handlers, operations, _) = Build(CancellationToken.None);

        var error = await Assert.ThrowsAsync<EventFormatException>(() => new InvocationDispatcher(handlers).HandleAsync(
            new Invocation("req", HostRunner.Now.AddMinutes(15), null, null, "null"u8.ToArray()), CancellationToken.None));

        Assert.Contains("JSON null", error.Message, StringComparison.Ordinal);
        Assert.Empty(operations.Options);
    }

    [Theory]
    [InlineData("not a host")]
    [InlineData("127.0.0.1:9001/extra path")]
    [InlineData("user@host:1")]
    public async Task Host_RuntimeApiNotAHost_ExitsWithANamedErrorInsteadOfCrashing(string value)
    {
        var dependencies = new HostDependencies(FakeEnvironment.With((LambdaVariables.RuntimeApi, value)),
            new FakeTimeProvider(HostRunner.Now), new Random(1), NullLoggerFactory.Instance, (_, _) => RotationOperations.NotComposed);

        var exit = await LambdaHost.RunAsync(dependencies, CancellationToken.None);

        Assert.Equal(ExitCodes.InvalidRuntimeApi, exit);
    }

    [Theory]
    [InlineData("127.0.0.1:9001")]
    [InlineData("localhost")]
    public void IsValidAddress_HostAndPort_Accepted(string value) => Assert.True(RuntimeApiClient.IsValidAddress(value));
}
