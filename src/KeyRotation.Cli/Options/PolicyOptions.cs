using System.CommandLine;
using KeyRotation.Core.Policy;
using KeyRotation.Core.Tags;
using KeyRotation.Engine.Settings;

namespace KeyRotation.Cli.Options;

/// <summary>
/// The policy flags: a preset, then any threshold overridden one by one, then the whole checked. Rules, spellings and
/// defaults are the engine's (<see cref="RotationSettings"/>); the Lambda reads the same from KEYROTATION_* variables.
/// </summary>
internal sealed class PolicyOptions
{
    public Option<string> Preset { get; } = new("--preset")
    {
        Description = $"Threshold preset: default ({Thresholds(RotationPolicy.Default)}) or cis ({Thresholds(RotationPolicy.Cis)}); "
            + "the day flags below override it one by one.",
        HelpName = RotationSettings.Preset.Spellings,
        DefaultValueFactory = _ => RotationSettings.Preset.Spell(RotationPolicy.Default),
    };

    public Option<string> RotateAfterDays { get; } = Days(RotationSettings.RotateAfterDays, "--rotate-after-days",
        "Create a new key once the newest Active key is this many days old", p => p.RotateAfterDays);

    public Option<string> DeactivateAfterDays { get; } = Days(RotationSettings.DeactivateAfterDays, "--deactivate-after-days",
        "Deactivate an Active key this old once it is idle", p => p.DeactivateAfterDays);

    public Option<string> DeleteAfterDays { get; } = Days(RotationSettings.DeleteAfterDays, "--delete-after-days",
        "Delete an Inactive key this old", p => p.DeleteAfterDays);

    public Option<string> IdleDays { get; } = Days(RotationSettings.IdleDays, "--idle-days",
        "A key unused for this many days (or never used) is idle", p => p.IdleDays);

    public Option<string> RecoveryDays { get; } = new("--recovery-days")
    {
        Description = $"Keep a key this tool deactivated restorable this long ({RotationSettings.RecoveryDays.Expectation}; default: delete minus deactivate).",
        HelpName = "DAYS",
    };

    public Option<string> ForceDeactivateAfterDays { get; } = new("--force-deactivate-after-days")
    {
        Description = $"Deactivate a key this old even while in use ({RotationSettings.ForceDeactivateAfterDays.Expectation}; default: never).",
        HelpName = "DAYS",
    };

    public Option<string> SecretDelivery { get; } = new("--secret-delivery")
    {
        Description = "Where new secrets go: secrets-manager, or notification (plaintext in SNS, explicit opt-in).",
        HelpName = RotationSettings.SecretDelivery.Spellings,
        DefaultValueFactory = _ => RotationSettings.SecretDelivery.Spell(RotationPolicy.Default.SecretDelivery),
    };

    public Option<string> TagPrefix { get; } = new("--tag-prefix")
    {
        Description = $"Prefix of the tags the tool reads: {RotationSettings.TagPrefixExpectation}.",
        DefaultValueFactory = _ => TagConventions.DefaultPrefix,
    };

    /// <summary>The engine's field each flag names.</summary>
    public IEnumerable<KeyValuePair<string, Option>> Flags =>
    [
        new(RotationSettings.PresetField, Preset),
        new(RotationSettings.RotateAfterDays.Field, RotateAfterDays),
        new(RotationSettings.DeactivateAfterDays.Field, DeactivateAfterDays),
        new(RotationSettings.DeleteAfterDays.Field, DeleteAfterDays),
        new(RotationSettings.IdleDays.Field, IdleDays),
        new(RotationSettings.RecoveryDays.Field, RecoveryDays),
        new(RotationSettings.ForceDeactivateAfterDays.Field, ForceDeactivateAfterDays),
        new(RotationSettings.SecretDelivery.Field, SecretDelivery),
        new(RotationSettings.TagPrefixField, TagPrefix),
    ];

    public void AddTo(Command command)
    {
        command.Add(Preset);
        command.Add(RotateAfterDays);
        command.Add(DeactivateAfterDays);
        command.Add(DeleteAfterDays);
        command.Add(IdleDays);
        command.Add(RecoveryDays);
        command.Add(ForceDeactivateAfterDays);
        command.Add(SecretDelivery);
        command.Add(TagPrefix);
    }

    private static string Thresholds(RotationPolicy p) =>
        $"{p.RotateAfterDays}/{p.DeactivateAfterDays}/{p.DeleteAfterDays}, idle {p.IdleDays}";

    private static Option<string> Days(WholeNumberRule rule, string name, string description, Func<RotationPolicy, int> threshold) => new(name)
    {
        Description = $"{description} ({rule.Expectation}; default {threshold(RotationPolicy.Default)}, cis {threshold(RotationPolicy.Cis)}).",
        HelpName = "DAYS",
    };
}
