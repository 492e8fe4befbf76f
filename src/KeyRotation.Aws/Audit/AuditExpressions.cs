using Amazon.DynamoDBv2.Model;

namespace KeyRotation.Aws.Audit;

/// <summary>
/// Expression text with placeholders for every name and value: several attribute names (action, day, ...) are
/// DynamoDB reserved words.
/// </summary>
internal sealed class AuditExpressions
{
    public Dictionary<string, string> Names { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, AttributeValue> Values { get; } = new(StringComparer.Ordinal);

    public string Name(string attribute)
    {
        var placeholder = "#" + attribute;
        Names[placeholder] = attribute;
        return placeholder;
    }

    public string Value(string value)
    {
        var placeholder = ":v" + Values.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Values[placeholder] = new AttributeValue { S = value };
        return placeholder;
    }

    /// <summary>The sort key range condition, or null when the plan has no time bounds.</summary>
    public string? SortRange(string? from, string? to)
    {
        if (from is null && to is null) return null;
        var sk = Name(AuditTableSchema.Sk);
        if (from is not null && to is not null) return $"{sk} BETWEEN {Value(from)} AND {Value(to)}";
        return from is not null ? $"{sk} >= {Value(from)}" : $"{sk} < {Value(to!)}";
    }

    public string? Equalities(IEnumerable<KeyValuePair<string, string>> conditions)
    {
        var parts = conditions.Select(c => $"{Name(c.Key)} = {Value(c.Value)}").ToList();
        return parts.Count == 0 ? null : string.Join(" AND ", parts);
    }

    /// <summary>Leaves intents out (outcome <c>Intended</c>), or null when they are asked for.</summary>
    public string? IntentsExcluded(bool exclude) =>
        exclude ? $"{Name(AuditTableSchema.Outcome)} <> {Value(KeyRotation.Core.Audit.AuditOutcome.Intended)}" : null;

    public static string? And(params string?[] parts)
    {
        var present = parts.Where(p => p is not null).ToList();
        return present.Count == 0 ? null : string.Join(" AND ", present);
    }
}
