using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Options;
using KeyRotation.Cli.Running;
using KeyRotation.Cli.Settings;
using System.CommandLine;
using KeyRotation.Cli.Tests.Support;
using KeyRotation.Tests.Shared.Settings;

namespace KeyRotation.Cli.Tests.Options;

/// <summary>
/// Every case of the shared settings table (tests/Shared/Settings) as flags of plan: the same options, or the same
/// problem, that the Lambda's variables and event fields give (Lambda.Tests' SettingTableTests).
/// </summary>
public sealed class SettingTableTests
{
    private static (RunSettings? Settings, string? Error, SettingFlags Names) Parse(SettingCase setting)
    {
        var sweep = new SweepOptions();
        var command = new Command("plan");
        sweep.AddTo(command, withSaveState: false);
        var names = new SettingFlags([.. sweep.Policy.Flags, .. sweep.Targeting.Flags, .. sweep.Scope.Flags, .. sweep.Limits.Flags,
            new(Engine.Settings.RotationSettings.AsOfField, sweep.Report.AsOf), new(Engine.Settings.RotationSettings.RunIdField, sweep.Report.RunId)]);
        string[] args = ["--simulation", "org.json", .. setting.Given.SelectMany(g => new[] { names.NameOf(g.Field), g.Value })];
        var result = command.Parse(args);
        Assert.Empty(result.Errors);
        var environment = new CliEnvironment(TextWriter.Null, TextWriter.Null, new FrozenClock(CliRun.Now), new Random(7))
        {
            Variables = _ => null,
        };

        try
        {
            return (sweep.Read(result, environment, dryRun: true), null, names);
        }
        catch (InvalidInputException e)
        {
            return (null, e.Message, names);
        }
    }

    [Theory]
    [MemberData(nameof(SettingCases.Names), MemberType = typeof(SettingCases))]
    public void Flag_TableValue_GivesTheTablesOptionsOrProblem(string name)
    {
        var setting = SettingCases.Named(name);

        var (settings, error, names) = Parse(setting);

        if (setting.Problem is null)
        {
            Assert.Null(error);
            Assert.Equal(setting.Expected, setting.Of!(settings!.ToRunOptions("test", "organization", CliRun.Now)));
        }
        else
        {
            Assert.Equal(setting.ExpectedProblem(names.NameOf), error);
        }
    }

    [Fact]
    public void Flags_NoneGiven_AreTheEngineDefaults()
    {
        var (settings, error, _) = Parse(new SettingCase("none", [], null));

        Assert.Null(error);
        var options = settings!.ToRunOptions("test", "organization", CliRun.Now);
        var defaults = Engine.Settings.RotationSettings.Defaults;
        Assert.Equal(Core.Policy.RotationPolicy.Default, options.Policy);
        Assert.Equal(Core.Tags.TagConventions.Default, options.Tags);
        Assert.Equal((defaults.MaxAccountsInFlight, defaults.MaxUsersInFlight), (options.MaxAccountsInFlight, options.MaxUsersInFlight));
        Assert.True(options.Scope.IsEveryone);
        Assert.Empty(options.PlaintextSubscribers);
        Assert.Equal(CliRun.Now, options.AsOf);
    }
}
