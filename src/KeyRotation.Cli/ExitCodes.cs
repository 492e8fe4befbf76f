namespace KeyRotation.Cli;

/// <summary>The process exit codes scripts rely on (FORMATS.md): 0 only when every targeted account was processed or skipped.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A bug or an environment failure the tool did not anticipate.</summary>
    public const int Unexpected = 1;

    /// <summary>Invalid input or configuration (policy values, flags, simulation file); nothing ran.</summary>
    public const int InvalidInput = 2;

    /// <summary>At least one account failed.</summary>
    public const int AccountsFailed = 3;

    /// <summary>The run stopped starting accounts (time budget or cancellation); the rest are reported Deferred.</summary>
    public const int Deferred = 4;

    /// <summary>Audit events could not be written (they are printed instead), or the audit store was unwritable.</summary>
    public const int AuditIncomplete = 5;

    /// <summary><c>audit verify</c> found history added, changed or missing, a broken digest chain, or an unsealed run.</summary>
    public const int AuditNotVerified = 6;
}
