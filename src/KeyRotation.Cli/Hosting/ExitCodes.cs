namespace KeyRotation.Cli.Hosting;

/// <summary>The process exit codes scripts rely on (FORMATS.md): 0 only when every targeted account was processed or skipped.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A bug or an environment failure the tool did not anticipate.</summary>
    public const int Unexpected = 1;

    /// <summary>Invalid input or configuration (policy values, flags, simulation file); nothing ran.</summary>
    public const int InvalidInput = 2;

    /// <summary>At least one account or one action failed, or no account could be entered because every member role
    /// was refused.</summary>
    public const int AccountsFailed = 3;

    /// <summary>The run stopped starting accounts (time budget or cancellation); the rest are reported Deferred.</summary>
    public const int Deferred = 4;

    /// <summary>Audit events could not be written (they are printed instead), or the audit store was unwritable.</summary>
    public const int AuditIncomplete = 5;

    /// <summary>
    /// The run itself was as its own code says, but an output could not be written (standard output closed or full,
    /// --save-state refused); stderr names it. Only used when the accounts' code would have been <see cref="Success"/>.
    /// </summary>
    public const int OutputNotWritten = 6;

    /// <summary>Stopped by SIGINT (Ctrl-C): changes in flight finished and were recorded, the report was written. 128 + 2.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM, likewise. 128 + 15.</summary>
    public const int Terminated = 143;

    /// <summary><c>audit verify</c> found history added, changed or missing, a broken digest chain, or an unsealed run.</summary>
    public const int AuditNotVerified = 7;
}
