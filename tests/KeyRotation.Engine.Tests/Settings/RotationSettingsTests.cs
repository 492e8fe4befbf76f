using KeyRotation.Core.Policy;
using KeyRotation.Core.Tags;
using KeyRotation.Engine.Settings;
using KeyRotation.Engine.Sweep;
using KeyRotation.Engine.Runs;

namespace KeyRotation.Engine.Tests.Settings;

public sealed class RotationSettingsTests
{
    private static RunSettingValues Read(out IReadOnlyList<SettingProblem> problems, params (string Field, string Value)[] given) =>
        RotationSettings.Read(field => given.Where(g => g.Field == field).Select(g => g.Value).FirstOrDefault(), out problems);

    [Fact]
    public void Read_NothingGiven_IsEveryDefaultOnce()
    {
        var values = Read(out var problems);

        Assert.Empty(problems);
        Assert.Equal(RotationPolicy.Default, values.Policy);
        Assert.Equal(TagConventions.Default, values.Tags);
        Assert.Empty(values.Targeting.IncludeAccounts);
        Assert.Same(ManagedScope.Everyone, values.Scope);
        Assert.Empty(values.PlaintextSubscribers);
        Assert.Null(values.MaxAccountsInFlight);
        Assert.Null(values.MaxUsersInFlight);
        var options = values.ApplyTo(RotationSettings.Defaults);
        Assert.Equal((1_000, 4), (options.MaxAccountsInFlight, options.MaxUsersInFlight));
    }

    [Fact]
    public void Ctor_Defaults_RulesAndSpellingsAsDocumented()
    {
        Assert.Equal("default|cis", RotationSettings.Preset.Spellings);
        Assert.Equal("secrets-manager|notification", RotationSettings.SecretDelivery.Spellings);
        Assert.Equal("secrets-manager", RotationSettings.SecretDelivery.Spell(RotationPolicy.Default.SecretDelivery));
        Assert.Equal((1, 36_500), (RotationSettings.RotateAfterDays.Min, RotationSettings.RotateAfterDays.Max));
        Assert.Equal((1, 36_500), (RotationSettings.DeactivateAfterDays.Min, RotationSettings.DeactivateAfterDays.Max));
        Assert.Equal((1, 36_500), (RotationSettings.DeleteAfterDays.Min, RotationSettings.DeleteAfterDays.Max));
        Assert.Equal((0, 36_500), (RotationSettings.IdleDays.Min, RotationSettings.IdleDays.Max));
        Assert.Equal((0, 36_500), (RotationSettings.RecoveryDays.Min, RotationSettings.RecoveryDays.Max));
        Assert.Equal((1, 36_500), (RotationSettings.ForceDeactivateAfterDays.Min, RotationSettings.ForceDeactivateAfterDays.Max));
        Assert.Equal((1, 1_000), (RotationSettings.MaxAccountsInFlight.Min, RotationSettings.MaxAccountsInFlight.Max));
        Assert.Equal((1, 1_000), (RotationSettings.MaxUsersInFlight.Min, RotationSettings.MaxUsersInFlight.Max));
        Assert.Equal(TimeSpan.FromMinutes(5), RotationSettings.FutureTolerance);
        Assert.Empty(RotationSettings.Defaults.Validate());
    }

    [Fact]
    public void Read_PresetThenThreshold_ThresholdOverridesThePresetOnly()
    {
        var values = Read(out var problems, ("Preset", "cis"), ("IdleDays", "30"));

        Assert.Empty(problems);
        Assert.Equal(RotationPolicy.Cis with { IdleDays = 30 }, values.Policy);
    }

    [Fact]
    public void Read_SeveralBadValues_CollectsEveryProblemNamingFieldAndValue()
    {
        Read(out var problems, ("RotateAfterDays", "x"), ("IncludeAccounts", "1234 222222222222 abc"), ("MaxUsersInFlight", "0"));

        Assert.Equal(
        [
            "RotateAfterDays: 'x' is not a whole number from 1 to 36500",
            "IncludeAccounts: '1234' is not a 12-digit account id",
            "IncludeAccounts: 'abc' is not a 12-digit account id",
            "MaxUsersInFlight: '0' is not a whole number from 1 to 1000",
        ], problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Render_RuleAcrossFields_RenamesEachWholeFieldName()
    {
        Read(out var problems, ("ForceDeactivateAfterDays", "100"));

        var problem = Assert.Single(problems);
        Assert.Equal("--force (100) must be at least --deactivate (180)",
            problem.Render(f => f switch { "ForceDeactivateAfterDays" => "--force", "DeactivateAfterDays" => "--deactivate", _ => f }));
    }

    [Fact]
    public void Render_WordContainingAFieldName_IsLeftAlone() =>
        Assert.Equal("runId: 'a' is not one of the RunIds",
            new SettingProblem("RunId", "a", "is not one of the RunIds").Render(f => f == "RunId" ? "runId" : f));

    [Theory]
    [InlineData("111111111111", true)]
    [InlineData("11111111111", false)]
    [InlineData("1111111111111", false)]
    [InlineData("11111111111a", false)]
    [InlineData("١١١١١١١١١١١١", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void AccountIds_IsValid_ExactlyTwelveAsciiDigits(string? id, bool valid) =>
        Assert.Equal(valid, AccountIds.IsValid(id));

    [Theory]
    [InlineData("2026-11-29T12:05:00Z", false, false)]
    [InlineData("2026-11-29T12:05:01Z", false, true)]
    [InlineData("2027-01-01T00:00:00Z", true, false)]
    public void FutureAsOfProblem_BeyondTheToleranceOutsideADryRun_IsAProblem(string asOf, bool dryRun, bool problem)
    {
        var now = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

        var found = RotationSettings.FutureAsOfProblem(DateTimeOffset.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture), now, dryRun);

        Assert.Equal(problem, found is not null);
        if (found is not null)
        {
            Assert.StartsWith($"AsOf: '{asOf}' is in the future", found.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("2026-11-29T12-00-00Z-4f1c", true)]
    [InlineData("exec:7_a.b", true)]
    [InlineData("", false)]
    [InlineData("a/b", false)]
    [InlineData("has space", false)]
    public void RunIds_IsValid_LettersDigitsAndDashUnderscoreDotColon(string runId, bool valid) =>
        Assert.Equal(valid, RunIds.IsValid(runId));

    [Fact]
    public void RunIds_New_IsTheInstantInUtcAndFourHexDigits() =>
        Assert.Matches("^2026-11-29T12-00-00Z-[0-9a-f]{4}$", RunIds.New(new DateTimeOffset(2026, 11, 29, 13, 0, 0, TimeSpan.FromHours(1)), new Random(3)));
}
