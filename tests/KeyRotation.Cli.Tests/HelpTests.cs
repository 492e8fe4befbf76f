using KeyRotation.Cli.Tests.Support;

namespace KeyRotation.Cli.Tests;

public sealed class HelpTests
{
    [Theory]
    [InlineData("", "demo", "plan", "run")]
    [InlineData("demo", "--seed", "--as-of", "--output")]
    [InlineData("plan", "--simulation", "--rotate-after-days", "--accounts")]
    [InlineData("run", "--simulation", "--save-state", "--exclude-ous")]
    [InlineData("demo", "--audit-table", "--endpoint-url", "--profile")]
    [InlineData("plan", "--audit-table", "--endpoint-url", "--region")]
    [InlineData("run", "--audit-table", "--endpoint-url", "--region")]
    [InlineData("audit", "--table", "--endpoint-url", "--access-key-id")]
    public async Task Help_EveryCommand_ExitsZeroAndListsItsOptions(string command, string first, string second, string third)
    {
        string[] args = command.Length == 0 ? ["--help"] : [command, "--help"];

        var run = await CliRun.Of(args);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Out, StringComparison.Ordinal);
        Assert.Contains(first, run.Out, StringComparison.Ordinal);
        Assert.Contains(second, run.Out, StringComparison.Ordinal);
        Assert.Contains(third, run.Out, StringComparison.Ordinal);
        Assert.Empty(run.Worlds);
    }

    [Fact]
    public async Task Help_PlanWithOtherFlags_StillShowsHelpAndRunsNothing()
    {
        var run = await CliRun.Of("plan", "--rotate-after-days", "0", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Out, StringComparison.Ordinal);
        Assert.Empty(run.Worlds);
    }
}
