using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Output;
using System.Diagnostics;
using KeyRotation.Cli.Tests.Support;
using KeyRotation.Core.Audit;
using KeyRotation.Simulation.Ports;

namespace KeyRotation.Cli.Tests.Stopping;

/// <summary>--save-state writes regular files only, by rename; a lost stdout is named and the exit code stays honest.</summary>
public sealed class SafeOutputTests
{
    private static readonly string Example = RepositoryRoot.File("examples", "org.json");

    private static Task<CliRun> RunSaving(string path) =>
        CliRun.Of("run", "--simulation", Example, "--as-of", "2026-11-29T12:00:00Z", "--seed", "1", "--save-state", path);

    [Fact]
    public async Task Run_SaveStateIsASymbolicLink_RefusedByNameLinkAndTargetUntouched()
    {
        using var files = new TempFiles();
        var target = files.Write("precious.json", "keep me");
        var link = files.PathOf("after.json");
        File.CreateSymbolicLink(link, target);

        var run = await RunSaving(link);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains($"--save-state: cannot write '{link}': it is a symbolic link", run.Error, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(target));
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Empty(run.Worlds);
    }

    [LinuxFact]
    public async Task Run_SaveStateIsAFifo_RefusedWithoutOpeningIt()
    {
        using var files = new TempFiles();
        var fifo = files.PathOf("after.json");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var run = await RunSaving(fifo);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("is a FIFO, device or socket", run.Error, StringComparison.Ordinal);
        Assert.Equal(FileKind.Special, FileKinds.Of(fifo));
    }

    [LinuxFact]
    public async Task Run_SaveStateIsADevice_RefusedAndTheDeviceStays()
    {

        var run = await RunSaving("/dev/null");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("--save-state: cannot write '/dev/null': it is a FIFO, device or socket", run.Error, StringComparison.Ordinal);
        Assert.Equal(FileKind.Special, FileKinds.Of("/dev/null"));
    }

    [Fact]
    public async Task Run_SaveStateRegularFile_ReplacedWholeAndNoTemporaryLeft()
    {
        using var files = new TempFiles();
        var path = files.Write("after.json", "old");

        var run = await RunSaving(path);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.StartsWith("{", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal([path], Directory.GetFileSystemEntries(files.Folder));
    }

    [Fact]
    public async Task SafeFile_TargetBecomesALinkBeforeWrite_RefusedAndTemporaryRemoved()
    {
        using var files = new TempFiles();
        var target = files.Write("precious.json", "keep me");
        var link = files.PathOf("after.json");
        File.CreateSymbolicLink(link, target);

        await Assert.ThrowsAsync<KeyRotation.Cli.Hosting.InvalidInputException>(
            () => SafeFile.WriteAsync("--save-state", link, "new", CancellationToken.None));

        Assert.Equal("keep me", File.ReadAllText(target));
        Assert.Equal(2, Directory.GetFileSystemEntries(files.Folder).Length);
    }

    [Fact]
    public async Task Run_StdoutFails_StderrNamesItExitCodeSaysOutputAndAuditStillWritten()
    {
        using var error = new StringWriter();
        var worlds = new List<SimulatedWorld>();
        var environment = new CliEnvironment(new GuardedWriter(new BrokenWriter(), "standard output"), error,
            new KeyRotation.Cli.Running.FrozenClock(CliRun.Now), new Random(7))
        {
            SimulationCreated = worlds.Add,
            Variables = _ => null,
        };

        var exit = await Cli.RunAsync(["run", "--simulation", Example, "--as-of", "2026-11-29T12:00:00Z", "--seed", "1"], environment);

        Assert.Equal(ExitCodes.OutputNotWritten, exit);
        Assert.Contains("could not write standard output", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("exit code 0", error.ToString(), StringComparison.Ordinal);
        var world = worlds.Single();
        Assert.NotEmpty(world.IssuedKeys);
        Assert.Contains(world.AuditLog.Events, e => e.Action == AuditAction.RunFinished);
        GracefulStopTests.AssertEveryMutationAudited(world);
    }

    [Fact]
    public async Task Run_StdoutFailsAndAccountsFailed_KeepsTheAccountsCode()
    {
        using var error = new StringWriter();
        var environment = new CliEnvironment(new GuardedWriter(new BrokenWriter(), "standard output"), error,
            new KeyRotation.Cli.Running.FrozenClock(CliRun.Now), new Random(7)) { Variables = _ => null };

        var exit = await Cli.RunAsync(["run", "--simulation", Example, "--as-of", "2026-11-29T12:00:00Z", "--seed", "1",
            "--faults", "secret-store-down=555555555555"], environment);

        Assert.Equal(ExitCodes.AccountsFailed, exit);
        Assert.Contains("could not write standard output", error.ToString(), StringComparison.Ordinal);
    }

    [LinuxFact]
    public async Task Process_StdoutIsDevFull_ExitsOutputNotWrittenNamingStdout()
    {
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec \"$0\" \"$1\" run --simulation \"$2\" --as-of 2026-11-29T12:00:00Z --seed 1 > /dev/full");
        start.ArgumentList.Add(CliProcess.DotNet());
        start.ArgumentList.Add(typeof(Cli).Assembly.Location);
        start.ArgumentList.Add(Example);

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(ExitCodes.OutputNotWritten, process.ExitCode);
        Assert.Contains("could not write standard output", await stderr, StringComparison.Ordinal);
    }

    private sealed class BrokenWriter : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value) => throw new IOException("No space left on device");
    }
}
