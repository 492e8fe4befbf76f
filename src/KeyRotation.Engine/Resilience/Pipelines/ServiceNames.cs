namespace KeyRotation.Engine.Resilience.Pipelines;

/// <summary>The services a pipeline exists for; the same names <c>SimulatedCall.Service</c> uses.</summary>
internal static class ServiceNames
{
    public const string Iam = "iam";
    public const string Sts = "sts";
    public const string Organizations = "organizations";
    public const string SecretsManager = "secretsmanager";
    public const string Sns = "sns";
    public const string Audit = "audit";

    public static IReadOnlyList<string> All { get; } = [Iam, Sts, Organizations, SecretsManager, Sns, Audit];
}
