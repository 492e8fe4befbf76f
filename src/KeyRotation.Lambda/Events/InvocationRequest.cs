namespace KeyRotation.Lambda.Events;

/// <summary>
/// Any event the function accepts. Unknown members are ignored so that EventBridge envelopes parse; a missing
/// <see cref="Mode"/> means a scheduled sweep.
/// </summary>
internal sealed class InvocationRequest
{
    public string? Mode { get; init; }

    /// <summary>Shared by every invocation of a fanned-out run; a new one is made when absent.</summary>
    public string? RunId { get; init; }

    /// <summary>The run's evaluation instant, shared like <see cref="RunId"/>; now when absent. Text read by the
    /// engine's rule for an instant (as the CLI's --as-of), so a time without a zone is refused, not guessed.</summary>
    public string? AsOf { get; init; }

    /// <summary>true makes the invocation a dry run whatever the configuration says; false leaves the configuration in force.</summary>
    public bool? DryRun { get; init; }

    /// <summary>rotate-account: the account, when the caller has only its id.</summary>
    public string? AccountId { get; init; }

    /// <summary>rotate-account: the account as list-targets gave it (preferred: no directory call needed).</summary>
    public TargetAccount? Account { get; init; }

    /// <summary>summarize: the rotate-account results, inline (no fan-out bucket).</summary>
    public List<AccountResult>? Results { get; init; }

    /// <summary>summarize: where the map wrote the rotate-account results (its ResultWriterDetails), with a fan-out bucket.</summary>
    public ResultWriterDetails? ResultWriterDetails { get; init; }

    /// <summary>revoke, restore: the IAM user access key (AKIA...).</summary>
    public string? AccessKeyId { get; init; }

    /// <summary>revoke: why, recorded in the audit trail and told to the owner.</summary>
    public string? Reason { get; init; }

    /// <summary>revoke: also hand over a replacement key. Default false.</summary>
    public bool? Replace { get; init; }

    /// <summary>restore: also outside the recovery window or a key this tool did not deactivate. Default false.</summary>
    public bool? Force { get; init; }
}
