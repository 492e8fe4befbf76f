using KeyRotation.Core.Policy;
using V = KeyRotation.Lambda.Configuration.EnvironmentVariables;

namespace KeyRotation.Lambda.Configuration;

/// <summary>The policy thresholds; a rule the policy breaks is reported with the variables behind the fields it names.</summary>
internal static class PolicyVariables
{
    private static readonly (string Field, string Variable)[] Fields =
    [
        (nameof(RotationPolicy.RotateAfterDays), V.RotateAfterDays),
        (nameof(RotationPolicy.DeactivateAfterDays), V.DeactivateAfterDays),
        (nameof(RotationPolicy.DeleteAfterDays), V.DeleteAfterDays),
        (nameof(RotationPolicy.IdleDays), V.IdleDays),
        (nameof(RotationPolicy.RecoveryDays), V.RecoveryDays),
        (nameof(RotationPolicy.ForceDeactivateAfterDays), V.ForceDeactivateAfterDays),
        (nameof(RotationPolicy.SecretDelivery), V.SecretDelivery),
    ];

    public static RotationPolicy Read(VariableReader reader)
    {
        const int max = 36500;
        var policy = new RotationPolicy
        {
            RotateAfterDays = reader.Integer(V.RotateAfterDays, 1, max, RotationPolicy.DefaultRotateAfterDays),
            DeactivateAfterDays = reader.Integer(V.DeactivateAfterDays, 1, max, RotationPolicy.DefaultDeactivateAfterDays),
            DeleteAfterDays = reader.Integer(V.DeleteAfterDays, 1, max, RotationPolicy.DefaultDeleteAfterDays),
            IdleDays = reader.Integer(V.IdleDays, 0, max, RotationPolicy.DefaultIdleDays),
            RecoveryDays = reader.OptionalInteger(V.RecoveryDays, 0, max),
            ForceDeactivateAfterDays = reader.OptionalInteger(V.ForceDeactivateAfterDays, 1, max),
            SecretDelivery = Enum.Parse<SecretDelivery>(
                reader.Choice(V.SecretDelivery, Enum.GetNames<SecretDelivery>(), nameof(SecretDelivery.SecretsManager))),
        };

        foreach (var problem in policy.Validate())
        {
            var behind = Fields
                .Where(f => problem.Contains(f.Field, StringComparison.Ordinal))
                .Select(f => $"{f.Variable}='{reader.Raw(f.Variable) ?? "(default)"}'");
            reader.Problem($"{problem} [{string.Join(", ", behind)}]");
        }

        return policy;
    }
}
