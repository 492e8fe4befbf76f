using KeyRotation.Lambda.Configuration;
using KeyRotation.Lambda.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KeyRotation.Lambda.Tests.Support;

/// <summary>Runs the real host (HTTP client, init, loop) against a <see cref="FakeRuntimeApi"/> until the fake says stop.</summary>
internal static class HostRunner
{
    public static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(
        FakeRuntimeApi api, FakeEnvironment environment, RecordingOperations operations, ILoggerFactory? loggers = null)
    {
        environment.Set(LambdaVariables.RuntimeApi, api.Address);
        var dependencies = new HostDependencies(
            environment, new FakeTimeProvider(Now), new Random(7), loggers ?? NullLoggerFactory.Instance,
            (_, _) => operations.Build());

        // A bound so that a broken loop fails the test instead of hanging the run; no test waits for it.
        return await LambdaHost.RunAsync(dependencies, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
    }
}
