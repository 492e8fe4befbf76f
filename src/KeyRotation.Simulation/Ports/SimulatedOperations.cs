namespace KeyRotation.Simulation.Ports;

/// <summary>
/// Service and operation names the simulated ports report to the gate, so fault rules and call counts can name
/// them. Where a port method maps to one real API call the real name is used.
/// </summary>
public static class SimulatedOperations
{
    public const string Iam = "iam";
    public const string Sts = "sts";
    public const string Organizations = "organizations";
    public const string SecretsManager = "secretsmanager";
    public const string Sns = "sns";
    public const string Audit = "audit";

    public const string ListAccounts = "ListAccounts";
    public const string AssumeRole = "AssumeRole";

    /// <summary>Discovery of every user with tags, keys and last use (several IAM calls in real AWS).</summary>
    public const string ListUsers = "ListUsers";

    /// <summary>The live re-read of one user right before mutating it.</summary>
    public const string GetUser = "GetUser";

    public const string CreateAccessKey = "CreateAccessKey";
    public const string UpdateAccessKey = "UpdateAccessKey";
    public const string DeleteAccessKey = "DeleteAccessKey";

    /// <summary>Storing a new key pair (CreateSecret or PutSecretValue in real AWS).</summary>
    public const string PutSecretValue = "PutSecretValue";

    public const string Publish = "Publish";

    public const string EnsureWritable = "EnsureWritable";
    public const string AppendEvents = "AppendEvents";
    public const string LastDeactivations = "LastDeactivations";
    public const string QueryEvents = "QueryEvents";
}
