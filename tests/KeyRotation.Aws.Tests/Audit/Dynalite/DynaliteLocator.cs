namespace KeyRotation.Aws.Tests.Audit.Dynalite;

/// <summary>
/// Finds dynalite (a local DynamoDB on Node.js): env KEYROTATION_DYNALITE (path to cli.js), else the default install
/// folder that .ci/dynalite.sh fills, else it can be installed there with npm.
/// </summary>
internal static class DynaliteLocator
{
    public const string CliVariable = "KEYROTATION_DYNALITE";
    public const string Package = "dynalite@4";

    private static readonly Lazy<string?> LazySkipReason = new(ComputeSkipReason);

    /// <summary>${XDG_CACHE_HOME:-~/.cache}/keyrotation/dynalite, outside the repository.</summary>
    public static string InstallDirectory
    {
        get
        {
            var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            if (string.IsNullOrEmpty(cache))
                cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(cache, "keyrotation", "dynalite");
        }
    }

    public static string DefaultCli => Path.Combine(InstallDirectory, "node_modules", "dynalite", "cli.js");

    /// <summary>Why dynalite tests cannot run here, or null when they can (possibly after an npm install).</summary>
    public static string? SkipReason => LazySkipReason.Value;

    /// <summary>The cli.js to run, or null when it still has to be installed.</summary>
    public static string? FindCli()
    {
        var configured = Environment.GetEnvironmentVariable(CliVariable);
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        return File.Exists(DefaultCli) ? DefaultCli : null;
    }

    public static string? FindOnPath(string executable)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, executable))
            .FirstOrDefault(File.Exists);
    }

    private static string? ComputeSkipReason()
    {
        if (FindOnPath("node") is null)
            return "dynalite tests skipped: Node.js (node) is not on PATH; install Node.js >= 20 and run .ci/dynalite.sh";
        var configured = Environment.GetEnvironmentVariable(CliVariable);
        if (!string.IsNullOrWhiteSpace(configured) && !File.Exists(configured))
            return $"dynalite tests skipped: {CliVariable}='{configured}' does not exist";
        if (FindCli() is null && FindOnPath("npm") is null)
            return $"dynalite tests skipped: dynalite is not installed at {DefaultCli} and npm is not on PATH to install it";
        return null;
    }
}
