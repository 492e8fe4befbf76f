using KeyRotation.Engine.Ports;

namespace KeyRotation.Engine.Discovery;

/// <summary>How the engine discovers the users of a member account, whatever answers the IAM operations (AWS or
/// the simulation): the mode and the credential report's polling.</summary>
public sealed record DiscoverySettings
{
    /// <summary>Default <see cref="DiscoveryMode.Bulk"/>.</summary>
    public DiscoveryMode Mode { get; init; } = DiscoveryMode.Bulk;

    /// <summary>Wait between GenerateCredentialReport calls while IAM builds the report, counted from the first call. Default 2 seconds.</summary>
    public TimeSpan ReportPollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// GenerateCredentialReport calls after the first before bulk discovery stops waiting for the report and reads keys
    /// per user instead. Default 15 (30 seconds at the default interval).
    /// </summary>
    public int MaxReportPolls { get; init; } = 15;

    /// <summary>Every problem, each naming the field and value; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(Mode)) problems.Add($"Discovery must be Bulk or PerKey (got {Mode})");
        if (ReportPollInterval < TimeSpan.Zero || ReportPollInterval > TimeSpan.FromMinutes(1))
        {
            problems.Add($"CredentialReportPollInterval must be 0 to 1 minute (got {ReportPollInterval})");
        }

        if (MaxReportPolls is < 0 or > 100) problems.Add($"CredentialReportMaxPolls must be 0 to 100 (got {MaxReportPolls})");
        return problems;
    }
}
