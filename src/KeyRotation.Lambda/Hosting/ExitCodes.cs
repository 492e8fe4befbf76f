namespace KeyRotation.Lambda.Hosting;

/// <summary>How the process ends; Lambda restarts it either way, the codes are for logs and the smoke test.</summary>
internal static class ExitCodes
{
    /// <summary>Stopped by a signal.</summary>
    public const int Stopped = 0;

    /// <summary>Configuration or composition failed; init/error was posted.</summary>
    public const int InitFailed = 1;

    /// <summary>AWS_LAMBDA_RUNTIME_API is not set: not running under Lambda.</summary>
    public const int NoRuntimeApi = 2;

    /// <summary>The Runtime API answered the next-invocation call with an error.</summary>
    public const int RuntimeApiClosed = 3;

    /// <summary>The Runtime API could not be reached.</summary>
    public const int RuntimeApiUnreachable = 4;

    /// <summary>AWS_LAMBDA_RUNTIME_API is set but is not a host[:port].</summary>
    public const int InvalidRuntimeApi = 5;
}
