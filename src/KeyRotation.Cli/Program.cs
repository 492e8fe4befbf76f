using KeyRotation.Cli.Hosting;
using KeyRotation.Cli;


using var stop = new GracefulStop();
using var signals = StopSignals.Register(stop, Console.Error);
return await Cli.RunAsync(args, CliEnvironment.System(stop));
