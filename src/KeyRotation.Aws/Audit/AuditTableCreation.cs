namespace KeyRotation.Aws.Audit;

/// <summary>What <see cref="DynamoDbAuditTableAdmin.CreateAsync"/> did.</summary>
public enum AuditTableCreation
{
    /// <summary>The table did not exist and was created; it is ACTIVE now.</summary>
    Created,

    /// <summary>A table with the expected schema was already there; nothing changed.</summary>
    AlreadyExists,
}
