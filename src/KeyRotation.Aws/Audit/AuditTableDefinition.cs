using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using S = KeyRotation.Aws.Audit.AuditTableSchema;

namespace KeyRotation.Aws.Audit;

/// <summary>
/// The CreateTable request for the audit table: on-demand billing, pk/sk keys, four GSIs on sk with ALL projection,
/// deletion protection. PITR and a customer-managed KMS key are the CloudFormation template's job.
/// </summary>
internal static class AuditTableDefinition
{
    public static CreateTableRequest CreateRequest(string tableName) => new()
    {
        TableName = tableName,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        DeletionProtectionEnabled = true,
        AttributeDefinitions =
        [
            Attribute(S.Pk), Attribute(S.Sk),
            .. S.Indexes.Select(i => Attribute(i.PartitionAttribute)),
        ],
        KeySchema = [Key(S.Pk, KeyType.HASH), Key(S.Sk, KeyType.RANGE)],
        GlobalSecondaryIndexes = S.Indexes.Select(i => new GlobalSecondaryIndex
        {
            IndexName = i.Index,
            KeySchema = [Key(i.PartitionAttribute, KeyType.HASH), Key(S.Sk, KeyType.RANGE)],
            Projection = new Projection { ProjectionType = ProjectionType.ALL },
        }).ToList(),
    };

    private static AttributeDefinition Attribute(string name) =>
        new() { AttributeName = name, AttributeType = ScalarAttributeType.S };

    private static KeySchemaElement Key(string name, KeyType type) => new() { AttributeName = name, KeyType = type };
}
