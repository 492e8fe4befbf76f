using System.Text;
using KeyRotation.Engine.Settings;
using KeyRotation.Engine.Sweep;
using KeyRotation.Lambda.Configuration;
using KeyRotation.Lambda.Events;
using KeyRotation.Lambda.Runtime;
using KeyRotation.Lambda.Tests.Support;
using KeyRotation.Tests.Shared.Settings;
using Microsoft.Extensions.Time.Testing;
using KeyRotation.Engine.Runs;

namespace KeyRotation.Lambda.Tests.Configuration;

/// <summary>
/// Every case of the shared settings table (tests/Shared/Settings) as the Lambda takes it: a KEYROTATION_* variable,
/// or the event's runId and asOf. The options or the problem must be the table's, as they are for the CLI's flags
/// (Cli.Tests' SettingTableTests).
/// </summary>
public sealed class SettingTableTests
{
    private static readonly string[] EventFieldsOnly = [RotationSettings.RunIdField, RotationSettings.AsOfField];

    private static (RotationRunOptions? Options, string? Error, Func<string, string> NameOf) Read(SettingCase setting)
    {
        var variables = setting.Given.Where(g => !EventFieldsOnly.Contains(g.Field)).Select(g => (SettingVariables.Of(g.Field), g.Value)).ToArray();
        var request = new InvocationRequest
        {
            RunId = setting.Given.Where(g => g.Field == RotationSettings.RunIdField).Select(g => g.Value).FirstOrDefault(),
            AsOf = setting.Given.Where(g => g.Field == RotationSettings.AsOfField).Select(g => g.Value).FirstOrDefault(),
        };
        try
        {
            var settings = HostSettingsReader.Read(FakeEnvironment.With(variables));
            var factory = new RunOptionsFactory(settings, new FakeTimeProvider(HostRunner.Now), new Random(3), "lambda:test");
            return (factory.Create(request, new Invocation("req", HostRunner.Now.AddMinutes(15), null, null, Encoding.UTF8.GetBytes("{}"))), null, NameOf);
        }
        catch (ConfigurationException e)
        {
            return (null, string.Join("; ", e.Problems), NameOf);
        }
        catch (EventFormatException e)
        {
            return (null, e.Message, NameOf);
        }

        static string NameOf(string field) => EventFieldsOnly.Contains(field) ? EventFields.Of(field) : SettingVariables.Of(field);
    }

    [Theory]
    [MemberData(nameof(SettingCases.Names), MemberType = typeof(SettingCases))]
    public void VariableOrEventField_TableValue_GivesTheTablesOptionsOrProblem(string name)
    {
        var setting = SettingCases.Named(name);

        var (options, error, nameOf) = Read(setting);

        if (setting.Problem is null)
        {
            Assert.Null(error);
            Assert.Equal(setting.Expected, setting.Of!(options!));
        }
        else
        {
            Assert.Equal(setting.ExpectedProblem(nameOf), error);
        }
    }

    [Fact]
    public void Variables_EveryRunSettingHasOne()
    {
        foreach (var field in RotationSettings.Fields.Except(EventFieldsOnly))
        {
            Assert.StartsWith("KEYROTATION_", SettingVariables.Of(field), StringComparison.Ordinal);
        }
    }
}
