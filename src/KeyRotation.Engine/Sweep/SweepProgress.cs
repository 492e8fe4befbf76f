namespace KeyRotation.Engine.Sweep;

/// <summary>
/// How far a sweep has come, reported to <see cref="OrganizationSweep.Progress"/> when it starts, when the accounts
/// are listed and each time an account is through. Counts only grow from one report to the next.
/// </summary>
/// <param name="Accounts">Accounts in the organization, skipped ones included; null while they are being listed.</param>
/// <param name="Skipped">Skipped at the start (targeting, opt-out, not active) or on entry (member role refused).</param>
/// <param name="Retries">Retries taken so far on throttling and transient errors (the run summary's figure).</param>
/// <param name="Elapsed">Since the sweep started, on the engine's clock.</param>
public sealed record SweepProgress(
    int? Accounts,
    int Processed,
    int Failed,
    int Deferred,
    int Skipped,
    int Interrupted,
    long Retries,
    TimeSpan Elapsed)
{
    /// <summary>Accounts through, whatever their outcome.</summary>
    public int Done => Processed + Failed + Deferred + Skipped + Interrupted;
}
