using System.Globalization;

namespace KeyRotation.Engine.Posture;

/// <summary>
/// The figures every output shows, in one order, named as in the JSON report: the HTML page, the table and the CSV
/// read them from here, so no output can drift from the JSON a test compares them with.
/// </summary>
public static class PostureFields
{
    public static IReadOnlyList<PostureField> All { get; } =
    [
        new("users", "Users", "IAM users surveyed", f => N(f.Users)),
        new("keys", "Keys", "access keys, Active and Inactive", f => N(f.Keys)),
        new("activeKeys", "Active", "Active access keys", f => N(f.ActiveKeys)),
        new("underNinetyDays", "< 90 d", "Active keys younger than 90 days and than the rotate age", f => N(f.ActiveByAge.UnderNinetyDays)),
        new("ninetyDaysToRotate", "90 d to rotate", "Active keys 90 days or older, younger than the rotate age", f => N(f.ActiveByAge.NinetyDaysToRotate)),
        new("rotateToDeactivate", "rotate to deactivate", "Active keys at or past the rotate age (a new key is due), younger than the deactivate age",
            f => N(f.ActiveByAge.RotateToDeactivate)),
        new("pastDeactivate", "past deactivate", "Active keys at or past the deactivate age", f => N(f.ActiveByAge.PastDeactivate)),
        new("neverUsedKeys", "never used", "Active keys with no recorded use", f => N(f.NeverUsedKeys)),
        new("inactiveKeys", "Inactive", "Inactive access keys", f => N(f.InactiveKeys)),
        new("exemptUsers", "exempt", "users exempt by tag now (an expired exemption does not count)", f => N(f.ExemptUsers)),
        new("blockedByKeyLimit", "blocked: key limit", "users due for rotation holding two keys, none of which can be freed",
            f => N(f.BlockedByKeyLimit)),
        new("blockedBySecretNameTaken", "blocked: secret name", "users due for rotation whose secret name is held by a secret this tool did not create",
            f => N(f.BlockedBySecretNameTaken)),
        new("usersOutsideManagedScope", "outside scope", "users outside the managed scope (path or tag): counted, in no other figure",
            f => N(f.UsersOutsideManagedScope)),
        new("activeWithinNinetyDays", "active < 90 d", "Active keys younger than 90 days", f => N(f.ActiveWithinNinetyDays)),
        new("activeWithinPolicy", "active within policy", "Active keys younger than their user's effective deactivate age", f => N(f.ActiveWithinPolicy)),
        new("withinNinetyDaysShare", "within 90 d", "share of Active keys younger than 90 days (CIS 1.14, Security Hub IAM.3)",
            f => Percent(f.WithinNinetyDaysShare), f => Fraction(f.WithinNinetyDaysShare)),
        new("withinPolicyShare", "within policy", "share of Active keys younger than their user's effective deactivate age",
            f => Percent(f.WithinPolicyShare), f => Fraction(f.WithinPolicyShare)),
    ];

    /// <summary>A share as a percentage with one decimal; "n/a" without active keys.</summary>
    public static string Percent(double? share) =>
        share is { } s ? (s * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "n/a";

    /// <summary>A share as the JSON writes it (0 to 1, four places); empty without active keys.</summary>
    public static string Fraction(double? share) => share?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <param name="Field">The JSON name (camelCase, as in <see cref="PostureFigures"/>).</param>
/// <param name="Label">A short column header.</param>
/// <param name="Meaning">One line for the definitions and header tooltips.</param>
/// <param name="Format">The value as people read it (shares as percentages).</param>
/// <param name="Raw">The value as the JSON has it, for CSV and data attributes; null: the same as <paramref name="Format"/>.</param>
public sealed record PostureField(
    string Field, string Label, string Meaning, Func<PostureFigures, string> Format, Func<PostureFigures, string>? Raw = null)
{
    public string RawValue(PostureFigures figures) => (Raw ?? Format)(figures);
}
