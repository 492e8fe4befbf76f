using KeyRotation.Cli.Commands;
using KeyRotation.Cli.Hosting;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace KeyRotation.Cli;

/// <summary>The command line: builds the commands, parses, runs, and turns every error into an exit code.</summary>
internal static class Cli
{
    public static RootCommand BuildRoot(CliEnvironment environment)
    {
        var root = new RootCommand("keyrotation: rotates IAM user access keys across an AWS Organization.");

        // Every command is registered here, and only here.
        root.Add(new DemoCommand(environment));
        root.Add(new PlanCommand(environment));
        root.Add(new RunCommand(environment));
        root.Add(Commands.Audit.AuditCommand.Create(environment: environment.Variables));
        root.Add(new Commands.Incidents.RevokeCommand(environment));
        root.Add(new Commands.Incidents.RestoreCommand(environment));
        root.Add(new ReportCommand(environment));
        return root;
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        var parsed = BuildRoot(environment).Parse(args);
        if (parsed.Action is ParseErrorAction)
        {
            foreach (var error in parsed.Errors)
            {
                await environment.Error.WriteLineAsync($"error: {error.Message}");
            }

            await environment.Error.WriteLineAsync($"See '{Command(parsed)} --help'.");
            return ExitCodes.InvalidInput;
        }

        var configuration = new InvocationConfiguration
        {
            Output = environment.Out,
            Error = environment.Error,
            EnableDefaultExceptionHandler = false,
            // Signals are ours (Hosting/StopSignals): a stop lets changes in flight finish, which takes longer than any
            // fixed timeout would allow.
            ProcessTerminationTimeout = null,
        };
        try
        {
            return await parsed.InvokeAsync(configuration, cancellationToken);
        }
        catch (InvalidInputException e)
        {
            await environment.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (OperationCanceledException)
        {
            await environment.Error.WriteLineAsync("error: cancelled");
            return ExitCodes.Unexpected;
        }
        catch (Exception e)
        {
            // Exception messages never hold secrets (ports and engine guarantee it); stack traces stay out of the way.
            await environment.Error.WriteLineAsync($"error: unexpected {e.GetType().Name}: {e.Message}");
            return ExitCodes.Unexpected;
        }
    }

    private static string Command(ParseResult parsed)
    {
        var names = new List<string>();
        for (var result = parsed.CommandResult; result is not null; result = result.Parent as CommandResult)
        {
            names.Add(result.Command is RootCommand ? "keyrotation" : result.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
