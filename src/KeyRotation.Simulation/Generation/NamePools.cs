namespace KeyRotation.Simulation.Generation;

/// <summary>Words generated names are drawn from; plausible enough to read, obviously not real.</summary>
internal static class NamePools
{
    public static readonly string[] People =
    [
        "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "niaj",
        "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter", "yolanda", "zoe", "quentin", "uma", "xavier",
    ];

    public static readonly string[] Services =
    [
        "ci-deployer", "backup", "etl", "terraform", "monitoring", "log-shipper", "billing-export", "legacy-app",
        "reporting", "s3-sync", "build-agent", "dns-updater",
    ];

    public static readonly string[] Teams =
    [
        "payments", "identity", "search", "data", "platform", "mobile", "web", "risk", "growth", "ops",
    ];

    public static readonly string[] Environments = ["prod", "staging", "dev", "sandbox", "shared"];

    public static readonly string[] Units =
    [
        "Workloads", "Prod", "NonProd", "Sandbox", "Security", "Infrastructure", "Data", "Suspended", "Legacy", "Research",
    ];

    public static string Pick(Random random, string[] pool) => pool[random.Next(pool.Length)];
}
