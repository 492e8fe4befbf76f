using System.Diagnostics;
using System.Text.Json.Nodes;

namespace KeyRotation.Lambda.Tests.Security;

/// <summary>
/// Decides IAM requests with @cloud-copilot/iam-simulate, an IAM policy evaluator written independently of this
/// project, through simulate.js (next to this file) in one long-lived node process. The package is AGPL-3.0: it is
/// installed outside the repository by .ci/iam-simulate.sh (run here on first use when npm is at hand), used at test
/// time only, and never referenced by anything shipped.
/// </summary>
internal static class IamSimulator
{
    private static readonly Lazy<string?> LazySkipReason = new(ComputeSkipReason);
    private static readonly Lazy<Process> LazyProcess = new(Start);
    private static readonly Lock Gate = new();

    /// <summary>${XDG_CACHE_HOME:-~/.cache}/keyrotation/iam-simulate, where .ci/iam-simulate.sh installs the package.</summary>
    public static string InstallDirectory
    {
        get
        {
            var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            if (string.IsNullOrEmpty(cache))
                cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(cache, "keyrotation", "iam-simulate");
        }
    }

    /// <summary>Why the evaluator tests cannot run here, or null when they can (possibly after an npm install).</summary>
    public static string? SkipReason => LazySkipReason.Value;

    private static string PackageManifest =>
        Path.Combine(InstallDirectory, "node_modules", "@cloud-copilot", "iam-simulate", "package.json");

    /// <summary>"Allowed", "ExplicitlyDenied" or "ImplicitlyDenied"; throws when the evaluator rejects the request.</summary>
    public static string Decide(JsonObject request)
    {
        lock (Gate)
        {
            var node = LazyProcess.Value;
            node.StandardInput.WriteLine(request.ToJsonString());
            node.StandardInput.Flush();
            var line = node.StandardOutput.ReadLine()
                       ?? throw new InvalidOperationException("simulate.js ended: " + node.StandardError.ReadToEnd());
            var answer = JsonNode.Parse(line)!.AsObject();
            if (answer["error"] is { } error)
                throw new InvalidOperationException($"iam-simulate rejected {request["action"]} on {request["resource"]}: {error}");
            return (string)answer["decision"]!;
        }
    }

    private static string? ComputeSkipReason()
    {
        if (FindOnPath("node") is null)
            return "IAM policy evaluator tests skipped: Node.js (node) is not on PATH; install Node.js >= 20 and run .ci/iam-simulate.sh";
        if (!File.Exists(PackageManifest) && FindOnPath("npm") is null)
            return $"IAM policy evaluator tests skipped: @cloud-copilot/iam-simulate is not installed at {InstallDirectory} and npm is not on PATH to install it (.ci/iam-simulate.sh)";
        return null;
    }

    private static Process Start()
    {
        if (!File.Exists(PackageManifest)) Install();
        var script = RepositoryRoot.File("tests", "KeyRotation.Lambda.Tests", "Security", "simulate.js");
        var start = new ProcessStartInfo(FindOnPath("node")!, [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["IAM_SIMULATE_DIR"] = InstallDirectory;
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        // The script ends when its input closes; make sure it does when the test run ends.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                process.StandardInput.Close();
                if (!process.WaitForExit(2000)) process.Kill();
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        };
        return process;
    }

    /// <summary>The first use on a machine without the package installs it with the same script CI runs.</summary>
    private static void Install()
    {
        var start = new ProcessStartInfo("bash", [RepositoryRoot.File(".ci", "iam-simulate.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var install = Process.Start(start)!;
        var output = install.StandardOutput.ReadToEndAsync();
        var errors = install.StandardError.ReadToEnd();
        install.WaitForExit();
        if (install.ExitCode != 0 || !File.Exists(PackageManifest))
            throw new InvalidOperationException($".ci/iam-simulate.sh could not install the evaluator (exit {install.ExitCode}): {output.Result}{errors}");
    }

    private static string? FindOnPath(string executable) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, executable))
            .FirstOrDefault(File.Exists);
}

/// <summary>A test that needs the IAM policy evaluator; skipped, with the reason shown, where node is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class IamSimulateFactAttribute : FactAttribute
{
    public IamSimulateFactAttribute()
    {
        if (IamSimulator.SkipReason is { } reason) Skip = reason;
    }
}

/// <summary>A theory that needs the IAM policy evaluator; skipped, with the reason shown, where node is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class IamSimulateTheoryAttribute : TheoryAttribute
{
    public IamSimulateTheoryAttribute()
    {
        if (IamSimulator.SkipReason is { } reason) Skip = reason;
    }
}
