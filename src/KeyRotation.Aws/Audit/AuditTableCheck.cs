using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using KeyRotation.Engine.Ports;
using S = KeyRotation.Aws.Audit.AuditTableSchema;

namespace KeyRotation.Aws.Audit;

/// <summary>Whether an existing table is the audit table this tool expects.</summary>
internal static class AuditTableCheck
{
    /// <summary>Tables accept writes while ACTIVE and while UPDATING (for instance while an index is added).</summary>
    public static bool IsWritable(TableStatus? status) => status == TableStatus.ACTIVE || status == TableStatus.UPDATING;

    /// <summary>What differs from the expected schema; empty when the table matches.</summary>
    public static IReadOnlyList<string> SchemaProblems(TableDescription table, bool includeIndexes)
    {
        var problems = new List<string>();
        if (!HasKey(table.KeySchema, S.Pk, KeyType.HASH) || !HasKey(table.KeySchema, S.Sk, KeyType.RANGE))
            problems.Add($"its key is not '{S.Pk}' (partition) + '{S.Sk}' (sort)");
        if (!includeIndexes) return problems;
        foreach (var (index, attribute) in S.Indexes)
        {
            var gsi = table.GlobalSecondaryIndexes?.FirstOrDefault(g => g.IndexName == index);
            if (gsi is null) problems.Add($"index '{index}' is missing");
            else if (!HasKey(gsi.KeySchema, attribute, KeyType.HASH) || !HasKey(gsi.KeySchema, S.Sk, KeyType.RANGE))
                problems.Add($"index '{index}' is not keyed by '{attribute}' + '{S.Sk}'");
        }
        return problems;
    }

    public static void ThrowIfUnusable(TableDescription table, string context)
    {
        if (!IsWritable(table.TableStatus))
            throw new ServiceException(DynamoDbErrors.Service, "DescribeTable", "TableNotActive", FailureKind.Transient,
                detail: $"{context} is {table.TableStatus?.Value ?? "in an unknown state"}, not ACTIVE");
        var problems = SchemaProblems(table, includeIndexes: false);
        if (problems.Count > 0)
            throw new ServiceException(DynamoDbErrors.Service, "DescribeTable", "TableSchemaMismatch", FailureKind.Final,
                detail: $"{context} is not an audit table: {string.Join("; ", problems)}");
    }

    private static bool HasKey(List<KeySchemaElement>? schema, string attribute, KeyType type) =>
        schema?.Any(k => k.AttributeName == attribute && k.KeyType == type) == true;
}
