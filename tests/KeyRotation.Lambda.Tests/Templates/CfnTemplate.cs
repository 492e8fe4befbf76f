using YamlDotNet.RepresentationModel;

namespace KeyRotation.Lambda.Tests.Templates;

/// <summary>
/// A CloudFormation template read with YamlDotNet into plain dictionaries, lists and strings. Short-form intrinsic
/// tags are registered below and turned into their long form (<c>!Ref X</c> becomes <c>{ Ref: X }</c>,
/// <c>!GetAtt A.B</c> becomes <c>{ Fn::GetAtt: [A, B] }</c>), so checks see one shape; an unregistered tag fails the load.
/// </summary>
internal sealed class CfnTemplate
{
    /// <summary>Short-form tag to long-form key.</summary>
    public static IReadOnlyDictionary<string, string> ShortForms { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["!Ref"] = "Ref",
        ["!Condition"] = "Condition",
        ["!Sub"] = "Fn::Sub",
        ["!GetAtt"] = "Fn::GetAtt",
        ["!If"] = "Fn::If",
        ["!Equals"] = "Fn::Equals",
        ["!Not"] = "Fn::Not",
        ["!And"] = "Fn::And",
        ["!Or"] = "Fn::Or",
        ["!Select"] = "Fn::Select",
        ["!Split"] = "Fn::Split",
        ["!Join"] = "Fn::Join",
        ["!FindInMap"] = "Fn::FindInMap",
        ["!ImportValue"] = "Fn::ImportValue",
        ["!Base64"] = "Fn::Base64",
        ["!Cidr"] = "Fn::Cidr",
        ["!GetAZs"] = "Fn::GetAZs",
    };

    private CfnTemplate(string path, Dictionary<string, object?> root)
    {
        FilePath = path;
        Root = root;
    }

    public string FilePath { get; }

    public Dictionary<string, object?> Root { get; }

    public Dictionary<string, object?> Parameters => Section("Parameters");

    public Dictionary<string, object?> Resources => Section("Resources");

    public Dictionary<string, object?> Conditions => Section("Conditions");

    public Dictionary<string, object?> Outputs => Section("Outputs");

    public static CfnTemplate Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        var root = Convert(stream.Documents.Single().RootNode) as Dictionary<string, object?>
            ?? throw new InvalidDataException($"{path}: the template is not a mapping");
        return new CfnTemplate(path, root);
    }

    public static CfnTemplate Parse(string yaml)
    {
        var path = System.IO.Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, yaml);
            return Load(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public Dictionary<string, object?> Resource(string name) =>
        Resources.TryGetValue(name, out var r) && r is Dictionary<string, object?> d
            ? d
            : throw new KeyNotFoundException($"{FilePath}: no resource {name}");

    public IEnumerable<(string Name, Dictionary<string, object?> Resource)> ResourcesOfType(string type) =>
        Resources.Where(r => Path(r.Value, "Type") as string == type)
            .Select(r => (r.Key, (Dictionary<string, object?>)r.Value!));

    /// <summary>The node at the given keys (dictionary keys or list indexes), or null.</summary>
    public static object? Path(object? node, params object[] keys)
    {
        foreach (var key in keys)
        {
            node = (node, key) switch
            {
                (Dictionary<string, object?> d, string k) => d.GetValueOrDefault(k),
                (List<object?> l, int i) when i < l.Count => l[i],
                _ => null,
            };
        }

        return node;
    }

    /// <summary>Every node below <paramref name="node"/>, itself included.</summary>
    public static IEnumerable<object?> Walk(object? node)
    {
        yield return node;
        var children = node switch
        {
            Dictionary<string, object?> d => d.Values,
            List<object?> l => (IEnumerable<object?>)l,
            _ => [],
        };
        foreach (var child in children)
        {
            foreach (var below in Walk(child))
            {
                yield return below;
            }
        }
    }

    /// <summary>A string or a list of strings as a list.</summary>
    public static IReadOnlyList<string> Strings(object? node) => node switch
    {
        null => [],
        string s => [s],
        List<object?> l => [.. l.Select(i => i as string ?? throw new InvalidDataException($"expected a string, got {i}"))],
        _ => throw new InvalidDataException($"expected a string or a list of strings, got {node}"),
    };

    private Dictionary<string, object?> Section(string name) =>
        Root.GetValueOrDefault(name) as Dictionary<string, object?> ?? [];

    private static object? Convert(YamlNode node)
    {
        object? plain = node switch
        {
            YamlMappingNode m => m.Children.ToDictionary(
                kv => ((YamlScalarNode)kv.Key).Value!, kv => Convert(kv.Value), StringComparer.Ordinal),
            YamlSequenceNode s => s.Children.Select(Convert).ToList(),
            YamlScalarNode s => s.Value,
            _ => throw new InvalidDataException($"unexpected YAML node {node.NodeType} at {node.Start}"),
        };

        var tag = node.Tag.IsEmpty ? null : node.Tag.Value;
        if (tag is null || tag == "!" || tag.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal))
        {
            return plain;
        }

        if (!ShortForms.TryGetValue(tag, out var longForm))
        {
            throw new InvalidDataException($"unregistered YAML tag {tag} at {node.Start}");
        }

        if (longForm == "Fn::GetAtt" && plain is string dotted)
        {
            var dot = dotted.IndexOf('.', StringComparison.Ordinal);
            plain = new List<object?> { dotted[..dot], dotted[(dot + 1)..] };
        }

        return new Dictionary<string, object?>(StringComparer.Ordinal) { [longForm] = plain };
    }
}
