using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KeyRotation.Lambda.Tests.Templates;

/// <summary>
/// Resolves a <see cref="CfnTemplate"/> node the way CloudFormation would for one deployment: parameters (given, else
/// their defaults), pseudo parameters, conditions, Ref, Fn::GetAtt (from given stand-in attributes), Fn::Sub, Fn::If,
/// Fn::Split, Fn::Join, Fn::Select, and AWS::NoValue dropped. Anything it cannot resolve fails loudly, naming it, so a
/// policy is never evaluated with a piece silently missing.
/// </summary>
internal sealed partial class CfnResolver
{
    private static readonly object NoValue = new();

    private readonly CfnTemplate template;
    private readonly Dictionary<string, object> values = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, string> attributes;

    /// <param name="template">The template.</param>
    /// <param name="parameters">Parameter values; the rest take their defaults.</param>
    /// <param name="attributes">Stand-ins for resources: <c>Name</c> for a Ref, <c>Name.Attribute</c> for a GetAtt.</param>
    /// <param name="accountId">AWS::AccountId.</param>
    /// <param name="region">AWS::Region.</param>
    /// <param name="stackName">AWS::StackName.</param>
    public CfnResolver(
        CfnTemplate template,
        IReadOnlyDictionary<string, string> parameters,
        IReadOnlyDictionary<string, string>? attributes = null,
        string accountId = "111111111111",
        string region = "eu-west-1",
        string stackName = "key-rotation")
    {
        this.template = template;
        this.attributes = attributes ?? new Dictionary<string, string>();
        foreach (var (name, declaration) in template.Parameters)
        {
            var type = CfnTemplate.Path(declaration, "Type") as string;
            var value = parameters.TryGetValue(name, out var given)
                ? given
                : CfnTemplate.Path(declaration, "Default") as string
                  ?? throw new ArgumentException($"{template.FilePath}: parameter {name} has no default and no value was given");
            values[name] = type == "CommaDelimitedList" ? value.Split(',').ToList<object?>() : value;
        }

        foreach (var name in parameters.Keys.Where(k => !template.Parameters.ContainsKey(k)))
        {
            throw new ArgumentException($"{template.FilePath}: no parameter {name}");
        }

        values["AWS::AccountId"] = accountId;
        values["AWS::Region"] = region;
        values["AWS::StackName"] = stackName;
        values["AWS::Partition"] = "aws";
        values["AWS::URLSuffix"] = "amazonaws.com";
        values["AWS::StackId"] = $"arn:aws:cloudformation:{region}:{accountId}:stack/{stackName}/00000000-0000-0000-0000-000000000000";
    }

    public string AccountId => (string)values["AWS::AccountId"];

    public string Region => (string)values["AWS::Region"];

    /// <summary>Whether the resource exists in this deployment (its Condition, if any, holds).</summary>
    public bool Deploys(string resource) =>
        CfnTemplate.Path(template.Resource(resource), "Condition") is not string condition || Condition(condition);

    /// <summary>A resource's Properties, resolved.</summary>
    public JsonNode Properties(string resource)
    {
        if (!Deploys(resource)) throw new InvalidOperationException($"{template.FilePath}: {resource} is not deployed with these parameters");
        return ToJson(Resolve(CfnTemplate.Path(template.Resource(resource), "Properties")))!;
    }

    /// <summary>The AssertDescription of every template rule these parameters break (CloudFormation refuses them).</summary>
    public IReadOnlyList<string> BrokenRules()
    {
        var rules = template.Root.GetValueOrDefault("Rules") as Dictionary<string, object?> ?? [];
        return
        [
            .. rules.Values
                .Where(rule => CfnTemplate.Path(rule, "RuleCondition") is not { } when || Truth(when))
                .SelectMany(rule => (List<object?>)CfnTemplate.Path(rule, "Assertions")!)
                .Where(assertion => !Truth(CfnTemplate.Path(assertion, "Assert")))
                .Select(assertion => (string)CfnTemplate.Path(assertion, "AssertDescription")!),
        ];
    }

    public bool Condition(string name) =>
        template.Conditions.TryGetValue(name, out var expression)
            ? Truth(expression)
            : throw new KeyNotFoundException($"{template.FilePath}: no condition {name}");

    public object? Resolve(object? node)
    {
        switch (node)
        {
            case null or string:
                return node;
            case List<object?> list:
                return list.Select(Resolve).Where(v => !ReferenceEquals(v, NoValue)).ToList();
            case Dictionary<string, object?> map when map.Count == 1 && Intrinsic(map.Keys.Single()):
                var (name, argument) = map.Single();
                return Function(name, argument);
            case Dictionary<string, object?> map:
                var resolved = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (key, value) in map)
                {
                    var v = Resolve(value);
                    if (!ReferenceEquals(v, NoValue)) resolved[key] = v;
                }

                return resolved;
            default:
                throw new InvalidDataException($"{template.FilePath}: unexpected node {node}");
        }
    }

    /// <summary>A resolved node as JSON; a policy document given as text (a Fn::Sub of JSON) is parsed.</summary>
    public static JsonNode? ToJson(object? resolved) => resolved switch
    {
        null => null,
        string s => JsonValue.Create(s),
        List<object?> l => new JsonArray([.. l.Select(ToJson)]),
        Dictionary<string, object?> d => new JsonObject(d.Select(kv => KeyValuePair.Create(kv.Key, ToJson(kv.Value)))),
        _ => throw new InvalidDataException($"cannot turn {resolved} into JSON"),
    };

    private static bool Intrinsic(string key) => key == "Ref" || key.StartsWith("Fn::", StringComparison.Ordinal);

    private object? Function(string name, object? argument)
    {
        switch (name)
        {
            case "Ref":
                return Reference((string)argument!);
            case "Fn::GetAtt":
                var parts = (List<object?>)argument!;
                return Attribute($"{parts[0]}.{parts[1]}");
            case "Fn::Sub":
                return argument is List<object?> withLocals
                    ? Sub((string)withLocals[0]!, ((Dictionary<string, object?>)withLocals[1]!).ToDictionary(kv => kv.Key, kv => Resolve(kv.Value)))
                    : Sub((string)argument!, []);
            case "Fn::If":
                var branches = (List<object?>)argument!;
                return Resolve(Condition((string)branches[0]!) ? branches[1] : branches[2]);
            case "Fn::Split":
                var split = (List<object?>)argument!;
                return Text(Resolve(split[1])).Split((string)split[0]!).ToList<object?>();
            case "Fn::Join":
                var join = (List<object?>)argument!;
                return string.Join((string)join[0]!, ((List<object?>)Resolve(join[1])!).Select(Text));
            case "Fn::Select":
                var select = (List<object?>)argument!;
                return ((List<object?>)Resolve(select[1])!)[int.Parse(Text(Resolve(select[0])), CultureInfo.InvariantCulture)];
            default:
                throw new NotSupportedException($"{template.FilePath}: {name} is not resolved by the tests");
        }
    }

    private object Reference(string name)
    {
        if (name == "AWS::NoValue") return NoValue;
        if (values.TryGetValue(name, out var value)) return value;
        return template.Resources.ContainsKey(name)
            ? Attribute(name)
            : throw new KeyNotFoundException($"{template.FilePath}: Ref {name} names nothing");
    }

    private string Attribute(string key) =>
        attributes.TryGetValue(key, out var value)
            ? value
            : throw new KeyNotFoundException($"{template.FilePath}: no stand-in given for {key}");

    private string Sub(string text, Dictionary<string, object?> locals) =>
        SubVariable().Replace(text, m =>
        {
            var name = m.Groups[1].Value;
            if (name.StartsWith('!')) return "${" + name[1..] + "}";
            if (locals.TryGetValue(name, out var local)) return Text(local);
            if (values.TryGetValue(name, out var value)) return Text(value);
            if (name.Contains('.', StringComparison.Ordinal) && !name.Contains("::", StringComparison.Ordinal)) return Attribute(name);
            if (template.Resources.ContainsKey(name)) return Attribute(name);
            // IAM policy variables such as ${aws:PrincipalOrgID} stay for the evaluator.
            if (name.Contains(':', StringComparison.Ordinal) && !name.Contains("::", StringComparison.Ordinal)) return m.Value;
            throw new KeyNotFoundException($"{template.FilePath}: Sub variable ${{{name}}} names nothing");
        });

    private bool Truth(object? expression)
    {
        var (name, argument) = ((Dictionary<string, object?>)expression!).Single();
        var operands = argument as List<object?>;
        return name switch
        {
            "Fn::Equals" => Text(Resolve(operands![0])) == Text(Resolve(operands[1])),
            "Fn::Not" => !Truth(operands![0]),
            "Fn::And" => operands!.All(Truth),
            "Fn::Or" => operands!.Any(Truth),
            "Condition" => Condition((string)argument!),
            _ => throw new NotSupportedException($"{template.FilePath}: condition function {name}"),
        };
    }

    private static string Text(object? value) => value switch
    {
        string s => s,
        List<object?> l => string.Join(',', l.Select(Text)),
        _ => throw new InvalidDataException($"expected text, got {value}"),
    };

    [GeneratedRegex(@"\$\{([^}]+)\}")]
    private static partial Regex SubVariable();
}
