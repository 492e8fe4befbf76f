using KeyRotation.Core.Policy;

namespace KeyRotation.Engine.Posture;

/// <summary>
/// The state of access keys across the organization at one instant, against CIS 1.14 and the configured policy.
/// Discovery only: nothing was changed and no audit event was written to produce it.
/// </summary>
/// <param name="Organization">Every surveyed account added up.</param>
/// <param name="OrganizationalUnits">Each OU with every surveyed account anywhere below it, by path.</param>
/// <param name="Exemptions">Users exempt now, with the last exempt day (null: no end).</param>
/// <param name="BlockedUsers">Users due for rotation the tool cannot rotate, and why.</param>
public sealed record PostureReport(
    DateTimeOffset AsOf,
    RotationPolicy Policy,
    PostureFigures Organization,
    IReadOnlyList<AccountPosture> Accounts,
    IReadOnlyList<OrganizationalUnitPosture> OrganizationalUnits,
    IReadOnlyList<ExemptUser> Exemptions,
    IReadOnlyList<BlockedUser> BlockedUsers,
    KeyAgeHistogram Histogram)
{
    /// <summary>Remarks for the reader, e.g. that bulk discovery's facts come from IAM's credential report. Never a secret.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public int AccountsSurveyed => Accounts.Count(a => a.Status == PostureAccountStatus.Surveyed);

    public int AccountsSkipped => Accounts.Count(a => a.Status == PostureAccountStatus.Skipped);

    public int AccountsFailed => Accounts.Count(a => a.Status == PostureAccountStatus.Failed);
}

public enum PostureAccountStatus
{
    Surveyed,
    Skipped,
    Failed,
}

/// <param name="OuPath">OU names from below the root, outermost first, joined with '/'; empty for an account at the root.</param>
/// <param name="Reason">For Skipped: OptOut, NotActive or NotTargeted.</param>
/// <param name="Error">For Failed: what went wrong, never a secret.</param>
/// <param name="Figures">For Surveyed only.</param>
public sealed record AccountPosture(
    string AccountId,
    string AccountName,
    string OuPath,
    PostureAccountStatus Status,
    string? Reason,
    string? Error,
    PostureFigures? Figures)
{
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <param name="Accounts">Surveyed accounts anywhere below this OU.</param>
public sealed record OrganizationalUnitPosture(string Id, string Path, int Accounts, PostureFigures Figures);

/// <param name="Until">The last exempt day (UTC) as yyyy-MM-dd; null when the exemption has no end.</param>
public sealed record ExemptUser(string AccountId, string UserName, string? Until);

/// <param name="Reason">KeyLimit or SecretNameTaken.</param>
public sealed record BlockedUser(string AccountId, string UserName, string Reason);
