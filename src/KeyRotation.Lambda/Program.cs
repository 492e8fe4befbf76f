using System.Runtime.InteropServices;
using KeyRotation.Lambda.Configuration;
using KeyRotation.Lambda.Hosting;
using KeyRotation.Lambda.Logging;
using KeyRotation.Lambda.Wiring;

var environment = new ProcessEnvironment();
using var stop = new CancellationTokenSource();
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

int exitCode;
using (var loggerFactory = HostLogging.Create(HostSettingsReader.LenientLogLevel(environment)))
{
    var dependencies = new HostDependencies(
        environment, TimeProvider.System, new Random(), loggerFactory, Composition.CreateOperations);
    exitCode = await LambdaHost.RunAsync(dependencies, stop.Token);
}

return exitCode;
