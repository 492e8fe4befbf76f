namespace KeyRotation.Cli;

/// <summary>Process exit codes of <c>keyrotation</c>; scripts and schedulers rely on them.</summary>
internal static class ExitCodes
{
    /// <summary>Everything targeted was processed or skipped; a query or command completed.</summary>
    public const int Success = 0;

    /// <summary>An error the tool did not classify, or a service call that failed after retries.</summary>
    public const int Unexpected = 1;

    /// <summary>Bad command-line input or configuration; nothing was changed.</summary>
    public const int InvalidInput = 2;

    /// <summary>Some accounts failed.</summary>
    public const int AccountsFailed = 3;

    /// <summary>The time budget ran out; some accounts were deferred.</summary>
    public const int Deferred = 4;

    /// <summary>Audit events could not all be written.</summary>
    public const int AuditIncomplete = 5;
}
