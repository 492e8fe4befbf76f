using KeyRotation.Core.Facts;

namespace KeyRotation.Engine.Posture;

/// <summary>What surveying one account gave: its users, or why it has none to show.</summary>
internal sealed record AccountSurvey(
    AccountFacts Account,
    PostureAccountStatus Status,
    string? Reason,
    string? Error,
    IReadOnlyList<UserPosture> Users,
    IReadOnlyList<string> Notes)
{
    /// <summary>Users judged from a bulk snapshot (IAM's credential report) rather than read live.</summary>
    public int UnconfirmedUsers { get; init; }

    /// <summary>Users discovered but outside the managed scope: counted, never judged.</summary>
    public int UsersOutsideManagedScope { get; init; }

    public static AccountSurvey Skipped(AccountFacts account, string reason) =>
        new(account, PostureAccountStatus.Skipped, reason, null, [], []);

    public static AccountSurvey Failed(AccountFacts account, string error) =>
        new(account, PostureAccountStatus.Failed, null, error, [], []);

    public static AccountSurvey Surveyed(AccountFacts account, IReadOnlyList<UserPosture> users, IReadOnlyList<string> notes) =>
        new(account, PostureAccountStatus.Surveyed, null, null, users, notes);
}
