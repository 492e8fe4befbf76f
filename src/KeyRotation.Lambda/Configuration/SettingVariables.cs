using KeyRotation.Engine.Settings;
using V = KeyRotation.Lambda.Configuration.EnvironmentVariables;

namespace KeyRotation.Lambda.Configuration;

/// <summary>The variable that names each of the engine's run settings (<see cref="RotationSettings"/>).</summary>
internal static class SettingVariables
{
    private static readonly Dictionary<string, string> Variables = new(StringComparer.Ordinal)
    {
        [RotationSettings.PresetField] = V.Preset,
        [RotationSettings.RotateAfterDays.Field] = V.RotateAfterDays,
        [RotationSettings.DeactivateAfterDays.Field] = V.DeactivateAfterDays,
        [RotationSettings.DeleteAfterDays.Field] = V.DeleteAfterDays,
        [RotationSettings.IdleDays.Field] = V.IdleDays,
        [RotationSettings.RecoveryDays.Field] = V.RecoveryDays,
        [RotationSettings.ForceDeactivateAfterDays.Field] = V.ForceDeactivateAfterDays,
        [RotationSettings.SecretDelivery.Field] = V.SecretDelivery,
        [RotationSettings.TagPrefixField] = V.TagPrefix,
        [RotationSettings.IncludeAccountsField] = V.IncludeAccounts,
        [RotationSettings.ExcludeAccountsField] = V.ExcludeAccounts,
        [RotationSettings.IncludeOrganizationalUnitsField] = V.IncludeOrganizationalUnits,
        [RotationSettings.ExcludeOrganizationalUnitsField] = V.ExcludeOrganizationalUnits,
        [RotationSettings.ManagedUserPathField] = V.ManagedUserPath,
        [RotationSettings.ManagedUserTagField] = V.ManagedUserTag,
        [RotationSettings.PlaintextSubscribersField] = V.PlaintextSubscribers,
        [RotationSettings.MaxAccountsInFlight.Field] = V.MaxAccountsInFlight,
        [RotationSettings.MaxUsersInFlight.Field] = V.MaxUsersInFlight,
        [RotationSettings.OrganizationsRequestsPerSecond.Field] = V.OrganizationsRequestsPerSecond,
        [RotationSettings.FanOutConcurrency.Field] = V.FanOutConcurrency,
    };

    /// <summary>The variable of <paramref name="field"/>; the field itself for one no variable names.</summary>
    public static string Of(string field) => Variables.GetValueOrDefault(field, field);
}
