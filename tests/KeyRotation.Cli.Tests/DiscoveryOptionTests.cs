using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Tests.Support;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Cli.Tests;

public sealed class DiscoveryOptionTests : IDisposable
{
    private readonly TempFiles files = new();

    public void Dispose() => files.Dispose();

    [Theory]
    [InlineData(null, DiscoveryMode.Bulk)]
    [InlineData("bulk", DiscoveryMode.Bulk)]
    [InlineData("per-key", DiscoveryMode.PerKey)]
    public async Task Plan_Discovery_SetsTheSimulatedIamMode(string? value, DiscoveryMode expected)
    {
        var path = files.Write("org.json", SampleOrganization.Json);
        string[] discovery = value is null ? [] : ["--discovery", value];

        var run = await CliRun.Of(["plan", "--simulation", path, "--as-of", SampleOrganization.AsOf, .. discovery]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(expected, Assert.Single(run.Worlds).Discovery.Mode);
    }

    [Fact]
    public async Task Plan_BulkAndPerKey_SameDecisions()
    {
        var path = files.Write("org.json", SampleOrganization.Json);

        var bulk = await CliRun.Of("plan", "--simulation", path, "--as-of", SampleOrganization.AsOf, "--output", "json", "--discovery", "bulk");
        var perKey = await CliRun.Of("plan", "--simulation", path, "--as-of", SampleOrganization.AsOf, "--output", "json", "--discovery", "per-key");

        static IEnumerable<string> Rows(CliRun run) =>
            ReportRow.From(run.Json()).Select(r => $"{r.AccountId} {r.UserName} {r.AccessKeyId ?? "-"} {r.Action}/{r.Reason}");
        Assert.NotEmpty(Rows(perKey));
        Assert.Equal(Rows(perKey), Rows(bulk));
    }

    [Fact]
    public async Task Run_UnknownDiscovery_ExitsTwoNamingTheValue()
    {
        var path = files.Write("org.json", SampleOrganization.Json);

        var run = await CliRun.Of("run", "--simulation", path, "--discovery", "fast");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("'fast'", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Worlds);
    }

    [Theory]
    [InlineData("plan")]
    [InlineData("run")]
    public async Task Help_PlanAndRun_ListDiscovery(string command)
    {
        var run = await CliRun.Of(command, "--help");

        Assert.Contains("--discovery", run.Out, StringComparison.Ordinal);
        Assert.Contains("per-key", run.Out, StringComparison.Ordinal);
    }
}
