using KeyRotation.Aws.Audit;
using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Options;

namespace KeyRotation.Cli.Commands.Audit;

/// <summary><c>keyrotation audit create-table</c>: creates the audit table, or confirms the existing one.</summary>
internal sealed class AuditCreateTableHandler(IAuditBackend backend, Func<string, string?> environment)
{
    public async Task<int> InvokeAsync(AuditStoreRawOptions raw, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        if (AuditStoreParser.ParseStore(raw, environment, problems) is not { } settings)
        {
            foreach (var problem in problems) await error.WriteLineAsync("error: " + problem);
            return ExitCodes.InvalidInput;
        }
        return await RunAsync(settings, output, error, cancellationToken);
    }

    public async Task<int> RunAsync(AuditStoreSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await backend.CreateTableAsync(settings, cancellationToken);
            await output.WriteLineAsync(outcome == AuditTableCreation.Created
                ? $"Created audit table '{settings.TableName}'; it and its indexes are ACTIVE."
                : $"Audit table '{settings.TableName}' already exists with the expected keys and indexes; nothing changed.");
            return ExitCodes.Success;
        }
        catch (Exception ex) when (AuditErrors.TryReport(ex, settings.TableName, error, out var exitCode))
        {
            return exitCode;
        }
    }
}
