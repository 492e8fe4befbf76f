namespace KeyRotation.Aws.Iam.CredentialReports;

/// <summary>The status the last GenerateCredentialReport gave, and when the first one answered (a TimeProvider timestamp).</summary>
internal sealed record PendingCredentialReport(string Status, long StartedAt);
