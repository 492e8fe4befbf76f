namespace KeyRotation.Engine.Ports;

// SHIM until sec-code's port lands: do not commit.
public sealed record StoredSecretInfo(string Location, bool CreatedByThisTool, string? AccessKeyId);
