namespace KeyRotation.Cli.Tests.Support;

/// <summary>A fact that needs Linux (mkfifo, /dev/null and /dev/full, POSIX signals); skipped with that reason elsewhere.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "needs Linux (FIFOs, /dev/full, POSIX signals)";
        }
    }
}
