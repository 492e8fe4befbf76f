using KeyRotation.Cli;

return await Cli.RunAsync(args, CliEnvironment.System());
