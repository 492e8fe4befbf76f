using KeyRotation.Aws.Audit;
using KeyRotation.Cli.Hosting;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Cli.Commands.Audit;

/// <summary>Turns the errors an audit command can meet into one stderr line and an exit code.</summary>
internal static class AuditErrors
{
    public static bool TryReport(Exception ex, string table, TextWriter error, out int exitCode)
    {
        (exitCode, var message) = ex switch
        {
            ServiceException s => (ExitCodes.Unexpected, s.Message + Hint(s, table)),
            AuditQueryTooBroadException or ArgumentException => (ExitCodes.InvalidInput, ex.Message),
            _ => (0, null),
        };
        if (message is null) return false;
        error.WriteLine("error: " + message);
        return true;
    }

    private static string Hint(ServiceException ex, string table) => ex.Kind switch
    {
        FailureKind.NotFound => $" (create the table with: keyrotation audit create-table --table {table})",
        FailureKind.AccessDenied => " (check the credentials: --profile, AWS_PROFILE or the AWS_* variables)",
        _ => "",
    };
}
