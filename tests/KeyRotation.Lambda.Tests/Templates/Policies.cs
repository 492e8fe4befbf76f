namespace KeyRotation.Lambda.Tests.Templates;

/// <summary>Reads IAM policy statements out of template resources.</summary>
internal static class Policies
{
    /// <summary>Every statement (a mapping with Effect) below <paramref name="node"/>, both branches of any Fn::If included.</summary>
    public static IReadOnlyList<Dictionary<string, object?>> Statements(object? node) =>
        [.. CfnTemplate.Walk(node).OfType<Dictionary<string, object?>>().Where(d => d.ContainsKey("Effect"))];

    public static IReadOnlyList<Dictionary<string, object?>> Permissions(Dictionary<string, object?> role) =>
        Statements(CfnTemplate.Path(role, "Properties", "Policies"));

    public static IReadOnlyList<Dictionary<string, object?>> Trust(Dictionary<string, object?> role) =>
        Statements(CfnTemplate.Path(role, "Properties", "AssumeRolePolicyDocument"));

    public static IReadOnlyList<string> Actions(Dictionary<string, object?> statement) =>
        CfnTemplate.Strings(statement.GetValueOrDefault("Action"));

    public static HashSet<string> AllowedActions(IEnumerable<Dictionary<string, object?>> statements) =>
        new(statements.Where(s => s["Effect"] as string == "Allow").SelectMany(Actions), StringComparer.Ordinal);

    public static Dictionary<string, object?> StatementFor(IEnumerable<Dictionary<string, object?>> statements, string action) =>
        statements.Single(s => Actions(s).Contains(action));
}
