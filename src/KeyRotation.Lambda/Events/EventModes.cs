namespace KeyRotation.Lambda.Events;

/// <summary>The <c>mode</c> values the host answers; the state machine invokes some of them (a test holds it to this list).</summary>
internal static class EventModes
{
    public const string Sweep = "sweep";
    public const string ListTargets = "list-targets";
    public const string RotateAccount = "rotate-account";
    public const string Summarize = "summarize";
    public const string Ping = "ping";

    /// <summary>Incident: deactivate one key now (event fields accessKeyId, reason, replace). Invoking is the confirmation.</summary>
    public const string Revoke = "revoke";

    /// <summary>Incident: reactivate one key this tool deactivated (event fields accessKeyId, force).</summary>
    public const string Restore = "restore";

    /// <summary>The posture report (discovery only, nothing changed or audited); also what the monthly schedule sends.</summary>
    public const string Report = "report";

    public static IReadOnlyList<string> All { get; } = [Sweep, ListTargets, RotateAccount, Summarize, Ping, Revoke, Restore, Report];
}
