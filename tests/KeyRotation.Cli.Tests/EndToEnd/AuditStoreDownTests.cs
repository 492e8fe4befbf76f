using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Running;
using System.Net;
using System.Net.Sockets;
using KeyRotation.Cli.Tests.Support;
using KeyRotation.Simulation.Demo;
using KeyRotation.Simulation.Files;
using KeyRotation.Simulation.Ports;

namespace KeyRotation.Cli.Tests.EndToEnd;

/// <summary>
/// The audit table is unreachable when the run starts (nothing listens on its port): nothing may change. The clock's
/// waits end at once, so the retries the table gets before the run gives up cost no real time.
/// </summary>
public sealed class AuditStoreDownTests
{
    private static readonly TimeProvider Clock = new FrozenClock(CliRun.Now, new InstantWaits(TimeProvider.System));

    [Fact]
    public async Task Demo_EndpointFromVariableIsDown_ExitsAuditIncompleteNamingTableAndEndpointAndChangesNothing()
    {
        var endpoint = ClosedEndpoint();

        var run = await CliRun.With(new Dictionary<string, string> { ["AWS_ENDPOINT_URL_DYNAMODB"] = endpoint }, Clock,
            "demo", "--audit-table", "key-rotation-audit");

        Assert.Equal(ExitCodes.AuditIncomplete, run.ExitCode);
        Assert.Contains("nothing was changed", run.Error, StringComparison.Ordinal);
        Assert.Contains("audit table 'key-rotation-audit'", run.Error, StringComparison.Ordinal);
        Assert.Contains(endpoint, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Summary:", run.Out, StringComparison.Ordinal);
        AssertUntouched(run.Worlds.Single(), SimulationFile.Save(DemoOrganization.Build(1, CliRun.Now)));
    }

    [Fact]
    public async Task Run_EndpointFlagIsDown_ExitsAuditIncompleteAndWritesNoState()
    {
        using var files = new TempFiles();
        var simulation = files.Write("org.json", SampleOrganization.Json);
        var saved = files.PathOf("after.json");

        var run = await CliRun.With(new Dictionary<string, string>(), Clock, "run", "--simulation", simulation, "--as-of", SampleOrganization.AsOf, "--save-state", saved,
            "--audit-table", "key-rotation-audit", "--endpoint-url", ClosedEndpoint());

        Assert.Equal(ExitCodes.AuditIncomplete, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.False(File.Exists(saved));
        var asOf = DateTimeOffset.Parse(SampleOrganization.AsOf, System.Globalization.CultureInfo.InvariantCulture);
        AssertUntouched(run.Worlds.Single(), SimulationFile.Save(SimulationFile.Load(SampleOrganization.Json, asOf)));
    }

    private static void AssertUntouched(SimulatedWorld world, string organizationBefore)
    {
        Assert.Empty(world.IssuedKeys);
        Assert.Empty(world.SecretVault.Secrets);
        Assert.Empty(world.Sns.Published);
        Assert.Empty(world.AuditLog.Events);
        Assert.Equal(organizationBefore, SimulationFile.Save(world.Organization));
    }

    private static string ClosedEndpoint()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
    }
}
