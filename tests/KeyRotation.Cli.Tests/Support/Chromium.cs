using System.Diagnostics;

namespace KeyRotation.Cli.Tests.Support;

/// <summary>
/// Debian's headless Chromium (<c>.ci/chromium.sh</c> installs it), run with everything that reaches out turned
/// off. Where it is absent, <see cref="SkipReason"/> says so and the browser tests skip with that reason.
/// </summary>
internal static class Chromium
{
    public static string? Path { get; } = Find();

    public static string? SkipReason => Path is null
        ? "chromium not found on PATH (install it with: bash .ci/chromium.sh, or apt-get install -y chromium)"
        : null;

    /// <summary>The DOM after the page is loaded and laid out, as the browser serializes it.</summary>
    public static async Task<string> DumpDomAsync(string page) => (await RunAsync("--dump-dom", new Uri(page).AbsoluteUri)).Out;

    /// <summary>A PNG of the page at 1280 pixels wide.</summary>
    public static Task ScreenshotAsync(string page, string png) =>
        RunAsync($"--screenshot={png}", "--window-size=1280,2400", "--hide-scrollbars", new Uri(page).AbsoluteUri);

    private static async Task<(string Out, string Error)> RunAsync(params string[] args)
    {
        var profile = Directory.CreateTempSubdirectory("keyrotation-chromium-");
        try
        {
            var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException(SkipReason))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in (string[])[
                         "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-dev-shm-usage",
                         $"--user-data-dir={profile.FullName}", .. args])
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium did not finish within 90 s: {string.Join(' ', args)}");
            }

            return process.ExitCode == 0
                ? (await output, await error)
                : throw new InvalidOperationException($"chromium exited {process.ExitCode}: {await error}");
        }
        finally
        {
            try
            {
                profile.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Chromium may still hold a lock file for a moment; a leftover temp profile is harmless.
            }
        }
    }

    private static string? Find()
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return (from name in new[] { "chromium", "chromium-browser" }
                from dir in dirs
                let candidate = System.IO.Path.Combine(dir, name)
                where File.Exists(candidate)
                select candidate).FirstOrDefault();
    }
}

/// <summary>A fact that needs a real browser; skipped with the reason where there is none.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
