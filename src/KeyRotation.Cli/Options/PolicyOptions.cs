using System.Globalization;
using System.CommandLine;
using KeyRotation.Core.Policy;
using KeyRotation.Core.Tags;

namespace KeyRotation.Cli.Options;

/// <summary>The policy flags: a preset, then any threshold overridden one by one, then the whole checked.</summary>
internal sealed class PolicyOptions
{
    public Option<string> Preset { get; } = new("--preset")
    {
        Description = "Threshold preset: default (165/180/185, idle 10) or cis (75/90/100, idle 45).",
        DefaultValueFactory = _ => "default",
    };

    public Option<int?> RotateAfterDays { get; } = Days("--rotate-after-days", "Create a new key once the newest Active key is this many days old.");

    public Option<int?> DeactivateAfterDays { get; } = Days("--deactivate-after-days", "Deactivate an Active key this old once it is idle.");

    public Option<int?> DeleteAfterDays { get; } = Days("--delete-after-days", "Delete an Inactive key this old.");

    public Option<int?> IdleDays { get; } = Days("--idle-days", "A key unused for this many days (or never used) is idle.");

    public Option<int?> RecoveryDays { get; } = Days("--recovery-days", "Keep a key this tool deactivated restorable this long (default: delete minus deactivate).");

    public Option<int?> ForceDeactivateAfterDays { get; } = Days("--force-deactivate-after-days", "Deactivate a key this old even while in use (default: never).");

    public Option<string> SecretDelivery { get; } = new("--secret-delivery")
    {
        Description = "Where new secrets go: secrets-manager, or notification (plaintext in SNS, explicit opt-in).",
        DefaultValueFactory = _ => "secrets-manager",
    };

    public Option<string> TagPrefix { get; } = new("--tag-prefix")
    {
        Description = "Prefix of the tags the tool reads.",
        DefaultValueFactory = _ => TagConventions.DefaultPrefix,
    };

    public PolicyOptions()
    {
        Preset.AcceptOnlyFromAmong("default", "cis");
        SecretDelivery.AcceptOnlyFromAmong("secrets-manager", "notification");
    }

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

    /// <exception cref="InvalidInputException">The resulting policy breaks a rule; the message names each field and value.</exception>
    public RotationPolicy ReadPolicy(ParseResult result)
    {
        var policy = result.GetValue(Preset) == "cis" ? RotationPolicy.Cis : RotationPolicy.Default;
        policy = policy with
        {
            RotateAfterDays = result.GetValue(RotateAfterDays) ?? policy.RotateAfterDays,
            DeactivateAfterDays = result.GetValue(DeactivateAfterDays) ?? policy.DeactivateAfterDays,
            DeleteAfterDays = result.GetValue(DeleteAfterDays) ?? policy.DeleteAfterDays,
            IdleDays = result.GetValue(IdleDays) ?? policy.IdleDays,
            RecoveryDays = result.GetValue(RecoveryDays) ?? policy.RecoveryDays,
            ForceDeactivateAfterDays = result.GetValue(ForceDeactivateAfterDays) ?? policy.ForceDeactivateAfterDays,
            SecretDelivery = result.GetValue(SecretDelivery) == "notification"
                ? Core.Policy.SecretDelivery.Notification
                : Core.Policy.SecretDelivery.SecretsManager,
        };
        var problems = policy.Validate();
        return problems.Count == 0
            ? policy
            : throw new InvalidInputException($"invalid policy: {string.Join("; ", problems)}");
    }

    public TagConventions ReadTags(ParseResult result)
    {
        var prefix = result.GetValue(TagPrefix) ?? TagConventions.DefaultPrefix;
        if (prefix.Length == 0 || prefix.Any(char.IsWhiteSpace) || prefix.Length > 100)
        {
            throw new InvalidInputException($"--tag-prefix must be 1-100 characters without spaces (got '{prefix}')");
        }

        return new TagConventions(prefix);
    }

    private static Option<int?> Days(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "DAYS",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var days))
            {
                return days;
            }

            result.AddError($"{name}: '{text}' is not a whole number of days");
            return null;
        },
    };
}
