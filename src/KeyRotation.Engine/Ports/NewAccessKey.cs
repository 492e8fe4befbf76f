namespace KeyRotation.Engine.Ports;

/// <summary>A key pair just created. The secret is wrapped so that printing this never prints it.</summary>
public sealed record NewAccessKey(string AccessKeyId, SecretText SecretAccessKey, DateTimeOffset CreatedAt);
