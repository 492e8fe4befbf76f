using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Iam;
using KeyRotation.Simulation.Model;
using KeyRotation.Simulation.Ports;
using KeyRotation.Testing.Discovery;
using static KeyRotation.Testing.Discovery.DiscoveryWorld;

namespace KeyRotation.Simulation.Tests.Discovery;

public sealed class CredentialReportTests
{
    private static IIamOperations Calls(DiscoveryWorld world) => world.IamAsync().GetAwaiter().GetResult();

    [Fact]
    public async Task GetCredentialReport_NeverGenerated_ReportNotPresent410()
    {
        var world = new DiscoveryWorld(new SimulatedIamOptions { ExistingReportAge = null });

        var error = await Assert.ThrowsAsync<ServiceException>(() => Calls(world).GetCredentialReportAsync(CancellationToken.None));

        Assert.Equal(("ReportNotPresent", (int?)410), (error.Code, error.HttpStatus));
    }

    [Fact]
    public async Task GetCredentialReport_WhileGenerating_ReportInProgress404ThenTheReport()
    {
        var world = new DiscoveryWorld(new SimulatedIamOptions { ExistingReportAge = null }, User("alice"));
        var calls = Calls(world);
        Assert.Equal(CredentialReportState.Started, await calls.GenerateCredentialReportAsync(CancellationToken.None));

        var error = await Assert.ThrowsAsync<ServiceException>(() => calls.GetCredentialReportAsync(CancellationToken.None));
        Assert.Equal(("ReportInProgress", (int?)404), (error.Code, error.HttpStatus));
        Assert.Equal(CredentialReportState.InProgress, await calls.GenerateCredentialReportAsync(CancellationToken.None));

        world.Time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(CredentialReportState.Complete, await calls.GenerateCredentialReportAsync(CancellationToken.None));
        Assert.Equal(Now, (await calls.GetCredentialReportAsync(CancellationToken.None)).GeneratedAt);
    }

    [Fact]
    public async Task GetCredentialReport_FourHoursOld_ReportExpired410()
    {
        var world = new DiscoveryWorld(new SimulatedIamOptions(), User("alice"));
        world.Time.Advance(TimeSpan.FromHours(4));

        var error = await Assert.ThrowsAsync<ServiceException>(() => Calls(world).GetCredentialReportAsync(CancellationToken.None));

        Assert.Equal(("ReportExpired", (int?)410), (error.Code, error.HttpStatus));
    }

    [Fact]
    public async Task GenerateCredentialReport_ReportYoungerThanFourHours_CompleteAndReused()
    {
        var world = new DiscoveryWorld(new SimulatedIamOptions { ExistingReportAge = TimeSpan.FromHours(3) }, User("alice"));
        world.Account.Users.Add(new SimulatedUser { Name = "bob" });

        Assert.Equal(CredentialReportState.Complete, await Calls(world).GenerateCredentialReportAsync(CancellationToken.None));

        var report = world.World.CredentialReports.Current(AccountId)!;
        Assert.Equal(Now.AddHours(-3), report.GeneratedAt);
        Assert.Equal(["alice"], report.Rows.Keys);
    }
}
