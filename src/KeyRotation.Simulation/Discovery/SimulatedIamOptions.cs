namespace KeyRotation.Simulation.Discovery;

/// <summary>How the simulated IAM pages its listings and how its credential reports behave (how the engine discovers
/// users is <see cref="Engine.Discovery.DiscoverySettings"/>, the same for AWS).</summary>
public sealed record SimulatedIamOptions
{
    /// <summary>Users per page of ListUsers and GetAccountAuthorizationDetails. Default 100.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>
    /// Age of the credential report every account already has when the world is created: a snapshot of the
    /// organization at that moment, dated this long ago, so later changes make it stale. Null: no account has a
    /// report, the first GenerateCredentialReport starts one. Default zero (fresh, so nothing waits for a report).
    /// </summary>
    public TimeSpan? ExistingReportAge { get; init; } = TimeSpan.Zero;

    /// <summary>How long IAM takes to generate a report. Default 4 s (assumed; AWS states no figure).</summary>
    public TimeSpan ReportGenerationTime { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// A report younger than this is what GenerateCredentialReport reuses and GetCredentialReport serves; an older
    /// one is expired. Default 4 h, IAM's rule.
    /// </summary>
    public TimeSpan ReportMaxAge { get; init; } = TimeSpan.FromHours(4);

    /// <summary>Every problem, each naming the field and value; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (PageSize is < 1 or > 1000)
        {
            problems.Add($"PageSize must be between 1 and 1000 (got {PageSize})");
        }

        if (ExistingReportAge < TimeSpan.Zero)
        {
            problems.Add($"ExistingReportAge must not be negative (got {ExistingReportAge})");
        }

        if (ReportGenerationTime < TimeSpan.Zero)
        {
            problems.Add($"ReportGenerationTime must not be negative (got {ReportGenerationTime})");
        }

        if (ReportMaxAge <= TimeSpan.Zero)
        {
            problems.Add($"ReportMaxAge must be positive (got {ReportMaxAge})");
        }

        return problems;
    }
}
