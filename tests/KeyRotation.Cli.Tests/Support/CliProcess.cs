using System.Diagnostics;
using KeyRotation.Aws.Tests.Audit.Dynalite;

namespace KeyRotation.Cli.Tests.Support;

/// <summary>The real executable (this build's keyrotation.dll) in a child process.</summary>
internal static class CliProcess
{
    public static string DotNet() =>
        Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? host
            : DynaliteLocator.FindOnPath("dotnet") ?? "dotnet";

    /// <summary>Starts keyrotation with <paramref name="args"/>, stdout and stderr redirected, no AWS_ variable of ours inherited.</summary>
    public static Process Start(IEnumerable<string> args, IReadOnlyDictionary<string, string> variables)
    {
        var start = new ProcessStartInfo(DotNet())
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(Cli).Assembly.Location);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)
                     || k.StartsWith("KEYROTATION_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);
        foreach (var (name, value) in variables) start.Environment[name] = value;
        return Process.Start(start)!;
    }

    /// <summary>Sends a POSIX signal (kill -TERM / -INT / -KILL) to the process.</summary>
    public static async Task SignalAsync(Process process, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
    }
}
