
using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Output;

namespace KeyRotation.Cli.Commands.Audit;

/// <summary><c>keyrotation audit</c>: prints the events that match, oldest first.</summary>
internal sealed class AuditQueryHandler(IAuditBackend backend, Func<string, string?> environment)
{
    /// <summary>Validates the options as typed, then runs the query.</summary>
    public async Task<int> InvokeAsync(AuditQueryRawOptions raw, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (AuditOptionsParser.ParseQuery(raw, environment, out var problems) is not { } options)
        {
            foreach (var problem in problems) await error.WriteLineAsync("error: " + problem);
            return ExitCodes.InvalidInput;
        }
        return await RunAsync(options, output, error, cancellationToken);
    }

    /// <remarks>json and csv stream as pages arrive; if the store fails midway the output is cut short and the exit code is not 0.</remarks>
    public async Task<int> RunAsync(AuditQueryOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            var log = backend.OpenLog(options.Store);
            try
            {
                await AuditOutput.WriteAsync(options.Format, log.QueryAsync(options.Query, cancellationToken), output, cancellationToken);
                return ExitCodes.Success;
            }
            finally
            {
                (log as IDisposable)?.Dispose();
            }
        }
        catch (Exception ex) when (AuditErrors.TryReport(ex, options.Store.TableName, error, out var exitCode))
        {
            return exitCode;
        }
    }
}
