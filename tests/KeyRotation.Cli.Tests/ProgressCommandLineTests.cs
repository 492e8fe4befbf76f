using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Output;
using KeyRotation.Cli.Settings;
using System.Text.Json;
using KeyRotation.Cli.Tests.Support;

namespace KeyRotation.Cli.Tests;

/// <summary>--progress on real command lines: progress goes to stderr, stdout keeps only the report.</summary>
public sealed class ProgressCommandLineTests
{
    private static readonly string Example = RepositoryRoot.File("examples", "org.json");

    [Fact]
    public async Task Run_ProcessWithProgressAlwaysAndJson_StdoutParsesAndStderrHoldsProgress()
    {
        var state = Path.Combine(Path.GetTempPath(), $"keyrotation-progress-{Guid.NewGuid():N}.json");
        try
        {
            using var process = CliProcess.Start(
            [
                "run", "--simulation", Example, "--as-of", "2026-11-29T12:00:00Z", "--seed", "3",
                "--faults", "throttle=0.3", "--output", "json", "--progress", "always", "--save-state", state,
            ], new Dictionary<string, string>());
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));

            Assert.Equal(0, process.ExitCode);
            var report = JsonDocument.Parse(await stdout).RootElement;
            var summary = report.GetProperty("summary");
            var lines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, lines.Length);
            Assert.All(lines, l => Assert.StartsWith(ProgressDisplay.Prefix, l, StringComparison.Ordinal));
            Assert.StartsWith($"progress: {summary.GetProperty("skipped").GetInt32()}/7 accounts", lines[0], StringComparison.Ordinal);
            Assert.StartsWith(
                $"progress: 7/7 accounts ({summary.GetProperty("processed").GetInt32()} processed, 0 failed, 0 deferred, "
                + $"{summary.GetProperty("skipped").GetInt32()} skipped), {summary.GetProperty("retries").GetInt64()} retries, ",
                lines[1], StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(state);
        }
    }

    [Theory]
    [InlineData("plan")]
    [InlineData("run")]
    public async Task Sweep_DefaultProgressShortRun_StderrEmptyAndReportUnchanged(string command)
    {
        var quiet = await CliRun.Of(command, "--simulation", Example, "--output", "json", "--progress", "never");
        var auto = await CliRun.Of(command, "--simulation", Example, "--output", "json");

        Assert.Equal("", auto.Error);
        Assert.Equal(quiet.Out, auto.Out);
    }

    [Fact]
    public async Task Plan_ProgressAlwaysInProcess_TableOnStdoutProgressOnlyOnStderr()
    {
        var run = await CliRun.Of("plan", "--simulation", Example, "--progress", "always");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("progress:", run.Out, StringComparison.Ordinal);
        Assert.Contains("progress: 7/7 accounts", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ProgressValueUnknown_RefusedNamingTheFlag()
    {
        var run = await CliRun.Of("run", "--simulation", Example, "--progress", "sometimes");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("sometimes", run.Error, StringComparison.Ordinal);
        Assert.Contains("--progress", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Worlds);
    }

    [Theory]
    [InlineData("plan")]
    [InlineData("run")]
    public async Task Help_PlanAndRun_ListProgressWithItsInterval(string command)
    {
        var run = await CliRun.Of(command, "--help");

        Assert.Contains("--progress", run.Out, StringComparison.Ordinal);
        Assert.Contains($"every {ProgressSettings.Default.Interval.TotalSeconds:0} s", run.Out, StringComparison.Ordinal);
    }

}
