using KeyRotation.Cli.Tests.Support;

namespace KeyRotation.Cli.Tests;

public sealed class RunCommandTests : IDisposable
{
    private readonly TempFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task Run_SaveState_WritesTheChangedOrganization()
    {
        var input = files.Write("org.json", SampleOrganization.Json);
        var state = files.PathOf("after.json");

        var run = await CliRun.Of("run", "--simulation", input, "--save-state", state, "--as-of", SampleOrganization.AsOf, "--output", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.False(run.Json().GetProperty("dryRun").GetBoolean());
        Assert.All(ReportRow.From(run.Json()), r => Assert.Equal("Succeeded", r.Outcome));
        var saved = await File.ReadAllTextAsync(state);
        // dave's never-used key was deactivated by this run, at the run's instant.
        Assert.Matches("\"id\": \"AKIAEXAMPLEDAVE00001\",\\s*\"status\": \"Inactive\",\\s*\"created\": \"2026-05-13T12:00:00Z\",\\s*\"deactivated\": \"2026-11-29T12:00:00Z\"", saved);
        // bob's old Inactive key is gone; the suspended account is untouched.
        Assert.DoesNotContain("AKIAEXAMPLEBOB000002", saved, StringComparison.Ordinal);
        Assert.Contains("AKIAEXAMPLEMALLORY01", saved, StringComparison.Ordinal);
        Assert.Equal(5, run.Worlds.Single().IssuedKeys.Count);
    }

    [Fact]
    public async Task Run_SaveState_NeverWritesASecret()
    {
        var input = files.Write("org.json", SampleOrganization.Json);
        var state = files.PathOf("after.json");

        var run = await CliRun.Of("run", "--simulation", input, "--save-state", state, "--as-of", SampleOrganization.AsOf);

        var saved = await File.ReadAllTextAsync(state);
        Assert.NotEmpty(run.IssuedSecrets);
        Assert.All(run.IssuedSecrets, secret =>
        {
            Assert.DoesNotContain(secret, saved, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, run.Out, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, run.Error, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Run_OnSavedStateAtSameInstant_PlansNoMutation()
    {
        var input = files.Write("org.json", SampleOrganization.Json);
        var state = files.PathOf("after.json");
        await CliRun.Of("run", "--simulation", input, "--save-state", state, "--as-of", SampleOrganization.AsOf);

        var replan = await CliRun.Of("plan", "--simulation", state, "--as-of", SampleOrganization.AsOf, "--output", "json");

        Assert.Equal(0, replan.ExitCode);
        var rows = ReportRow.From(replan.Json());
        Assert.DoesNotContain(rows, r => r.IsMutation);
        // dave's key is Inactive and past the delete age, yet kept: the run that deactivated it was just now.
        Assert.DoesNotContain(rows, r => r.AccessKeyId == "AKIAEXAMPLEDAVE00001" && r.Action == "DeleteKey");
        Assert.Contains(rows, r => r is { UserName: "carol", Action: "Warn", Reason: "StillInUse" });
    }

    [Fact]
    public async Task Run_RepeatedOnSavedStateAtSameInstant_ChangesNothing()
    {
        var input = files.Write("org.json", SampleOrganization.Json);
        var first = files.PathOf("first.json");
        var second = files.PathOf("second.json");
        await CliRun.Of("run", "--simulation", input, "--save-state", first, "--as-of", SampleOrganization.AsOf);

        var rerun = await CliRun.Of("run", "--simulation", first, "--save-state", second, "--as-of", SampleOrganization.AsOf);

        Assert.Equal(0, rerun.ExitCode);
        Assert.Empty(rerun.Worlds.Single().IssuedKeys);
        Assert.Equal(await File.ReadAllTextAsync(first), await File.ReadAllTextAsync(second));
    }

    [Fact]
    public async Task Run_SavedStatePlannedAfterRecoveryWindow_DeletesTheDeactivatedKey()
    {
        var input = files.Write("org.json", SampleOrganization.Json);
        var state = files.PathOf("after.json");
        await CliRun.Of("run", "--simulation", input, "--save-state", state, "--as-of", SampleOrganization.AsOf);

        var later = await CliRun.Of("plan", "--simulation", state, "--as-of", "2026-12-05T12:00:00Z", "--output", "json");

        Assert.Contains(ReportRow.From(later.Json()),
            r => r is { AccessKeyId: "AKIAEXAMPLEDAVE00001", Action: "DeleteKey", Reason: "InactivePastDeleteAge" });
    }

    [Fact]
    public async Task Run_WithoutSaveState_LeavesTheInputFileAsItWas()
    {
        var input = files.Write("org.json", SampleOrganization.Json);

        var run = await CliRun.Of("run", "--simulation", input, "--as-of", SampleOrganization.AsOf);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(SampleOrganization.Json, await File.ReadAllTextAsync(input));
    }
}
