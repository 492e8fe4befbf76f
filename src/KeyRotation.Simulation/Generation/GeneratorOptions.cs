namespace KeyRotation.Simulation.Generation;

/// <summary>How large and how varied a generated organization is. Same options, same organization.</summary>
public sealed record GeneratorOptions
{
    /// <summary>Member accounts. Default 10.</summary>
    public int Accounts { get; init; } = 10;

    /// <summary>IAM users in each account. Default 20.</summary>
    public int UsersPerAccount { get; init; } = 20;

    /// <summary>Seeds every random choice. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Organizational units, nested up to a few levels. Default 5.</summary>
    public int OuCount { get; init; } = 5;

    /// <summary>Keys are spread evenly between 0 and this many days old. Default 400.</summary>
    public int MaxKeyAgeDays { get; init; } = 400;

    /// <summary>Share of accounts tagged opt-out. Default 0.02.</summary>
    public double OptOutAccountShare { get; init; } = 0.02;

    /// <summary>Share of OUs tagged opt-out (covering the accounts below them). Default 0.05.</summary>
    public double OptOutOuShare { get; init; } = 0.05;

    /// <summary>Share of accounts that are SUSPENDED. Default 0.01.</summary>
    public double SuspendedAccountShare { get; init; } = 0.01;

    /// <summary>Share of users tagged exempt (half permanently, half until a future date). Default 0.02.</summary>
    public double ExemptUserShare { get; init; } = 0.02;

    /// <summary>Share of keys never used. Default 0.15.</summary>
    public double NeverUsedKeyShare { get; init; } = 0.15;

    /// <summary>Share of keys last used long ago (idle); the rest were used in the last few days. Default 0.30.</summary>
    public double IdleKeyShare { get; init; } = 0.30;

    /// <summary>Share of users holding two keys; a few hold none. Default 0.25.</summary>
    public double TwoKeyUserShare { get; init; } = 0.25;

    /// <summary>Tag prefix of the opt-out, exempt and owner tags. Default "key-rotation:".</summary>
    public string TagPrefix { get; init; } = Core.Tags.TagConventions.DefaultPrefix;

    /// <summary>Every option outside its range, each naming the option and its value; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        CheckRange(problems, nameof(Accounts), Accounts, 0, 1_000_000);
        CheckRange(problems, nameof(UsersPerAccount), UsersPerAccount, 0, 100_000);
        CheckRange(problems, nameof(OuCount), OuCount, 0, 10_000);
        CheckRange(problems, nameof(MaxKeyAgeDays), MaxKeyAgeDays, 0, 10_000);
        CheckShare(problems, nameof(OptOutAccountShare), OptOutAccountShare);
        CheckShare(problems, nameof(OptOutOuShare), OptOutOuShare);
        CheckShare(problems, nameof(SuspendedAccountShare), SuspendedAccountShare);
        CheckShare(problems, nameof(ExemptUserShare), ExemptUserShare);
        CheckShare(problems, nameof(NeverUsedKeyShare), NeverUsedKeyShare);
        CheckShare(problems, nameof(IdleKeyShare), IdleKeyShare);
        CheckShare(problems, nameof(TwoKeyUserShare), TwoKeyUserShare);
        if (NeverUsedKeyShare + IdleKeyShare > 1)
        {
            problems.Add($"NeverUsedKeyShare + IdleKeyShare must not exceed 1 (got {NeverUsedKeyShare} + {IdleKeyShare})");
        }

        return problems;
    }

    private static void CheckRange(List<string> problems, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            problems.Add($"{name} must be between {min} and {max} (got {value})");
        }
    }

    private static void CheckShare(List<string> problems, string name, double value)
    {
        if (!(value >= 0 && value <= 1))
        {
            problems.Add($"{name} must be between 0 and 1 (got {value})");
        }
    }
}
