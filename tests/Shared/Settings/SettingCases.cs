using KeyRotation.Core.Policy;
using KeyRotation.Engine.Settings;
using KeyRotation.Engine.Sweep;
using KeyRotation.Engine.Runs;

namespace KeyRotation.Tests.Shared.Settings;

/// <summary>
/// One setting (or a few that only make sense together) given as text, and what every host must make of it: either
/// the same part of the run options, or the same problem. Linked into Cli.Tests (the values as flags) and
/// Lambda.Tests (as variables, or event fields for the run's id and instant), so both hosts are held to one table.
/// </summary>
/// <param name="Problem">The one problem expected, with each field as <c>{Field}</c> for the host's name; null: valid.</param>
/// <param name="Of">The part of the options the case sets; compared with <paramref name="Expected"/>.</param>
public sealed record SettingCase(
    string Name, (string Field, string Value)[] Given, string? Problem, Func<RotationRunOptions, object?>? Of = null, object? Expected = null)
{
    public override string ToString() => Name;

    /// <summary>The problem as a host with <paramref name="nameOf"/> words it.</summary>
    public string ExpectedProblem(Func<string, string> nameOf) =>
        RotationSettings.Fields.Aggregate(Problem!, (text, field) => text.Replace("{" + field + "}", nameOf(field), StringComparison.Ordinal));
}

public static class SettingCases
{
    private const string NotifyText =
        "{PlaintextSubscribers} must name who may subscribe to the topic when {SecretDelivery} is notification (every new secret travels in its messages)";

    private static SettingCase Good(string name, string field, string value, Func<RotationRunOptions, object?> of, object? expected) =>
        new(name, [(field, value)], null, of, expected);

    private static SettingCase Bad(string field, string value, string problem) =>
        new($"{field}={value}", [(field, value)], problem);

    public static IReadOnlyList<SettingCase> All { get; } =
    [
        Good("preset cis", RotationSettings.PresetField, "cis", o => o.Policy, RotationPolicy.Cis),
        Good("preset any case", RotationSettings.PresetField, "CIS", o => o.Policy, RotationPolicy.Cis),
        Good("preset default", RotationSettings.PresetField, "default", o => o.Policy, RotationPolicy.Default),
        new("preset then a threshold", [(RotationSettings.PresetField, "cis"), (nameof(RotationPolicy.RotateAfterDays), "60")], null,
            o => o.Policy, RotationPolicy.Cis with { RotateAfterDays = 60 }),
        Good("rotate", nameof(RotationPolicy.RotateAfterDays), "90", o => o.Policy.RotateAfterDays, 90),
        Good("deactivate", nameof(RotationPolicy.DeactivateAfterDays), "182", o => o.Policy.DeactivateAfterDays, 182),
        Good("delete", nameof(RotationPolicy.DeleteAfterDays), "36500", o => o.Policy.DeleteAfterDays, 36500),
        Good("idle zero", nameof(RotationPolicy.IdleDays), "0", o => o.Policy.IdleDays, 0),
        Good("recovery", nameof(RotationPolicy.RecoveryDays), "7", o => o.Policy.RecoveryDays, 7),
        Good("force", nameof(RotationPolicy.ForceDeactivateAfterDays), "200", o => o.Policy.ForceDeactivateAfterDays, 200),
        Good("delivery", nameof(RotationPolicy.SecretDelivery), "secrets-manager", o => o.Policy.SecretDelivery, SecretDelivery.SecretsManager),
        Good("delivery, the templates' old spelling", nameof(RotationPolicy.SecretDelivery), "SecretsManager", o => o.Policy.SecretDelivery, SecretDelivery.SecretsManager),
        new("notification with subscribers",
            [(nameof(RotationPolicy.SecretDelivery), "notification"), (RotationSettings.PlaintextSubscribersField, "secops@example.com,https://hooks.example.com/keys")],
            null, o => (o.Policy.SecretDelivery, string.Join(" ", o.PlaintextSubscribers)),
            (SecretDelivery.Notification, "secops@example.com https://hooks.example.com/keys")),
        new("notification, old spelling", [(nameof(RotationPolicy.SecretDelivery), "Notification"), (RotationSettings.PlaintextSubscribersField, "secops@example.com")],
            null, o => o.Policy.SecretDelivery, SecretDelivery.Notification),
        Good("tag prefix", RotationSettings.TagPrefixField, "corp:kr/", o => o.Tags.Prefix, "corp:kr/"),
        Good("accounts", RotationSettings.IncludeAccountsField, "333333333333,222222222222", o => Sorted(o.Targeting.IncludeAccounts), "222222222222 333333333333"),
        Good("excluded accounts", RotationSettings.ExcludeAccountsField, "444444444444", o => Sorted(o.Targeting.ExcludeAccounts), "444444444444"),
        Good("OUs", RotationSettings.IncludeOrganizationalUnitsField, "ou-ab12-cdef3456,ou-prod", o => Sorted(o.Targeting.IncludeOrganizationalUnits), "ou-ab12-cdef3456 ou-prod"),
        Good("excluded OUs", RotationSettings.ExcludeOrganizationalUnitsField, "ou-ab12-99999999", o => Sorted(o.Targeting.ExcludeOrganizationalUnits), "ou-ab12-99999999"),
        Good("user path", RotationSettings.ManagedUserPathField, "/service/", o => o.Scope.UserPath, "/service/"),
        Good("user tag", RotationSettings.ManagedUserTagField, "managed=true", o => (o.Scope.RequiredTagKey, o.Scope.RequiredTagValue), ("managed", "true")),
        Good("accounts in flight", nameof(RotationRunOptions.MaxAccountsInFlight), "16", o => o.MaxAccountsInFlight, 16),
        Good("users in flight", nameof(RotationRunOptions.MaxUsersInFlight), "2", o => o.MaxUsersInFlight, 2),
        Good("run id", RotationSettings.RunIdField, "nightly-42", o => o.RunId, "nightly-42"),
        Good("as of", RotationSettings.AsOfField, "2026-11-28T09:30:00Z", o => o.AsOf, new DateTimeOffset(2026, 11, 28, 9, 30, 0, TimeSpan.Zero)),
        Good("as of with an offset", RotationSettings.AsOfField, "2026-11-28T10:30:00+01:00", o => o.AsOf, new DateTimeOffset(2026, 11, 28, 9, 30, 0, TimeSpan.Zero)),

        Bad(RotationSettings.PresetField, "strict", "{Preset}: 'strict' is not one of default, cis"),
        Bad(nameof(RotationPolicy.RotateAfterDays), "soon", "{RotateAfterDays}: 'soon' is not a whole number from 1 to 36500"),
        Bad(nameof(RotationPolicy.RotateAfterDays), "0", "{RotateAfterDays}: '0' is not a whole number from 1 to 36500"),
        Bad(nameof(RotationPolicy.RotateAfterDays), "200", "{RotateAfterDays} (200) must be less than {DeactivateAfterDays} (180)"),
        Bad(nameof(RotationPolicy.DeleteAfterDays), "36501", "{DeleteAfterDays}: '36501' is not a whole number from 1 to 36500"),
        Bad(nameof(RotationPolicy.IdleDays), "-1", "{IdleDays}: '-1' is not a whole number from 0 to 36500"),
        Bad(nameof(RotationPolicy.RecoveryDays), "1.5", "{RecoveryDays}: '1.5' is not a whole number from 0 to 36500"),
        Bad(nameof(RotationPolicy.ForceDeactivateAfterDays), "100", "{ForceDeactivateAfterDays} (100) must be at least {DeactivateAfterDays} (180)"),
        Bad(nameof(RotationPolicy.SecretDelivery), "plaintext", "{SecretDelivery}: 'plaintext' is not one of secrets-manager, notification"),
        Bad(nameof(RotationPolicy.SecretDelivery), "notification", NotifyText),
        Bad(RotationSettings.TagPrefixField, "bad prefix!", "{TagPrefix}: 'bad prefix!' is not " + RotationSettings.TagPrefixExpectation),
        Bad(RotationSettings.IncludeAccountsField, "12345", "{IncludeAccounts}: '12345' is not a 12-digit account id"),
        Bad(RotationSettings.ExcludeAccountsField, "22222222222a", "{ExcludeAccounts}: '22222222222a' is not a 12-digit account id"),
        Bad(RotationSettings.IncludeOrganizationalUnitsField, "r-ab12", "{IncludeOrganizationalUnits}: 'r-ab12' is not an organizational unit id (ou-...)"),
        Bad(RotationSettings.ExcludeOrganizationalUnitsField, "prod", "{ExcludeOrganizationalUnits}: 'prod' is not an organizational unit id (ou-...)"),
        Bad(RotationSettings.ManagedUserPathField, "service", "{ManagedUserPath} 'service' must start and end with '/' (e.g. /engineering/)"),
        Bad(RotationSettings.ManagedUserTagField, "managed", "{ManagedUserTag} 'managed' must be key=value (e.g. managed=true)"),
        Bad(nameof(RotationRunOptions.MaxAccountsInFlight), "0", "{MaxAccountsInFlight}: '0' is not a whole number from 1 to 1000"),
        Bad(nameof(RotationRunOptions.MaxUsersInFlight), "1001", "{MaxUsersInFlight}: '1001' is not a whole number from 1 to 1000"),
        Bad(RotationSettings.RunIdField, "a/b", "{RunId}: 'a/b' is not a run id: expected 1-128 letters, digits or - _ . :"),
        Bad(RotationSettings.AsOfField, "yesterday", "{AsOf}: 'yesterday' is not an ISO 8601 instant with a time zone, e.g. 2026-11-29T12:00:00Z"),
        Bad(RotationSettings.AsOfField, "2026-11-28T09:30:00", "{AsOf}: '2026-11-28T09:30:00' is not an ISO 8601 instant with a time zone, e.g. 2026-11-29T12:00:00Z"),
    ];

    /// <summary>The cases' names, for [MemberData]: each case a test of its own.</summary>
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var setting in All) data.Add(setting.Name);
        return data;
    }

    public static SettingCase Named(string name) => All.Single(c => c.Name == name);

    private static string Sorted(IEnumerable<string> ids) => string.Join(" ", ids.Order(StringComparer.Ordinal));
}
