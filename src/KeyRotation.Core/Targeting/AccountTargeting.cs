namespace KeyRotation.Core.Targeting;

/// <summary>
/// Which accounts a run covers. Empty include sets mean "all"; excludes always win.
/// OU ids match an account anywhere below that OU.
/// </summary>
public sealed record AccountTargeting(
    IReadOnlySet<string> IncludeAccounts,
    IReadOnlySet<string> ExcludeAccounts,
    IReadOnlySet<string> IncludeOrganizationalUnits,
    IReadOnlySet<string> ExcludeOrganizationalUnits)
{
    public static AccountTargeting All { get; } = new(
        new HashSet<string>(), new HashSet<string>(), new HashSet<string>(), new HashSet<string>());
}
