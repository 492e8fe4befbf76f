namespace KeyRotation.Engine.Reporting;

/// <param name="Reason">For Skipped: OptOut, NotActive or NotTargeted.</param>
/// <param name="Error">For Failed: what went wrong, never a secret.</param>
public sealed record AccountReport(
    string AccountId,
    string AccountName,
    AccountStatus Status,
    string? Reason,
    string? Error,
    IReadOnlyList<ActionRecord> Actions);
