using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Tests.Support;

namespace KeyRotation.Cli.Tests;

public sealed class InvalidInputTests : IDisposable
{
    private readonly TempFiles files = new();

    public void Dispose() => files.Dispose();

    [Theory]
    [InlineData("--rotate-after-days", "0", "--rotate-after-days: '0' is not a whole number from 1 to 36500")]
    [InlineData("--rotate-after-days", "200", "--rotate-after-days (200) must be less than --deactivate-after-days (180)")]
    [InlineData("--delete-after-days", "170", "--deactivate-after-days (180) must be less than --delete-after-days (170)")]
    [InlineData("--idle-days", "-1", "--idle-days: '-1' is not a whole number from 0 to 36500")]
    [InlineData("--recovery-days", "-2", "--recovery-days: '-2' is not a whole number from 0 to 36500")]
    [InlineData("--force-deactivate-after-days", "100", "--force-deactivate-after-days (100) must be at least --deactivate-after-days (180)")]
    [InlineData("--rotate-after-days", "soon", "--rotate-after-days: 'soon' is not a whole number from 1 to 36500")]
    [InlineData("--as-of", "yesterday", "--as-of: 'yesterday' is not an ISO 8601 instant")]
    [InlineData("--accounts", "12345", "--accounts: '12345' is not a 12-digit account id")]
    [InlineData("--exclude-ous", "prod", "--exclude-ous: 'prod' is not an organizational unit id")]
    [InlineData("--tag-prefix", "has space", "--tag-prefix: 'has space' is not 1-100 characters allowed in tag keys")]
    [InlineData("--run-id", "a/b", "--run-id: 'a/b' is not a run id: expected 1-128 letters, digits or - _ . :")]
    [InlineData("--output", "yaml", "'yaml'")]
    [InlineData("--preset", "strict", "--preset: 'strict' is not one of default, cis")]
    [InlineData("--secret-delivery", "plaintext", "--secret-delivery: 'plaintext' is not one of secrets-manager, notification")]
    [InlineData("--managed-user-path", "service", "--managed-user-path 'service' must start and end with '/'")]
    [InlineData("--managed-user-tag", "managed", "--managed-user-tag 'managed' must be key=value")]
    [InlineData("--secret-delivery", "notification", "--plaintext-subscribers must name who may subscribe to the topic when --secret-delivery is notification")]
    public async Task Run_BadFlagValue_ExitsTwoNamingIt(string flag, string value, string message)
    {
        var path = files.Write("org.json", SampleOrganization.Json);
        var state = files.PathOf("after.json");

        var run = await CliRun.Of("run", "--simulation", path, "--save-state", state, flag, value);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
        Assert.Empty(run.Worlds);
        Assert.False(File.Exists(state));
    }

    [Fact]
    public async Task Plan_UnknownFieldInFile_ExitsTwoNamingFieldAndPath()
    {
        var path = files.Write("org.json", SampleOrganization.Json.Replace("\"lastUsedDaysAgo\": 1 } ] },", "\"lastUsedDaysAgo\": 1, \"colour\": \"red\" } ] },", StringComparison.Ordinal));

        var run = await CliRun.Of("plan", "--simulation", path);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("$.accounts[0].users[0].accessKeys[0].colour: unknown field 'colour'", run.Error, StringComparison.Ordinal);
        Assert.Contains(path, run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task Plan_FileNotJson_ExitsTwo()
    {
        var path = files.Write("org.json", "{ \"accounts\": [ oops ] }");

        var run = await CliRun.Of("plan", "--simulation", path);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("$: not valid JSON (line 1", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_MissingFile_ExitsTwo()
    {
        var run = await CliRun.Of("plan", "--simulation", files.PathOf("nowhere.json"));

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("--simulation: cannot read", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SaveStateFolderMissing_ExitsTwoBeforeRunning()
    {
        var path = files.Write("org.json", SampleOrganization.Json);

        var run = await CliRun.Of("run", "--simulation", path, "--save-state", files.PathOf("missing/after.json"));

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("--save-state: cannot write", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Worlds);
    }

    [Theory]
    [InlineData("plan", "--bogus")]
    [InlineData("frobnicate")]
    [InlineData("demo", "--seed", "many")]
    public async Task Parse_UnknownOrMalformed_ExitsTwoPointingAtHelp(params string[] args)
    {
        var run = await CliRun.Of(args);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("--help", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Root_WithoutCommand_ExitsTwo()
    {
        var run = await CliRun.Of();

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("See 'keyrotation --help'", run.Error, StringComparison.Ordinal);
    }
}
