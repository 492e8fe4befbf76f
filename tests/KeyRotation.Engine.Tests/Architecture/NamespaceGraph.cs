using System.Text.RegularExpressions;

namespace KeyRotation.Engine.Tests.Architecture;

/// <summary>
/// Which namespace of the product uses which, read from the sources: a <c>using</c> directive, a qualified name
/// (<c>KeyRotation.X.Type</c>, or <c>X.Type</c> resolved against the enclosing namespaces, crefs included) and a
/// type of an enclosing namespace named without a using, so neither a qualified name nor nesting hides a dependency.
/// </summary>
internal sealed partial class NamespaceGraph
{
    private readonly Dictionary<string, HashSet<string>> types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string>> uses = new(StringComparer.Ordinal);

    /// <param name="files">Path (for the message) and text of each source file.</param>
    public NamespaceGraph(IEnumerable<(string Path, string Text)> files)
    {
        var parsed = new List<(string Path, string Namespace, string Text)>();
        foreach (var (path, text) in files)
        {
            var ns = NamespaceDeclaration().Match(text);
            if (!ns.Success) continue;
            var name = ns.Groups[1].Value;
            parsed.Add((path, name, text));
            var declared = Declared(types, name);
            foreach (Match type in TypeDeclaration().Matches(Code(text))) declared.Add(type.Groups[1].Value);
        }

        foreach (var (path, ns, text) in parsed)
        {
            foreach (Match directive in UsingDirective().Matches(text)) Add(ns, Resolve(directive.Groups[1].Value, [""]) ?? directive.Groups[1].Value, path);

            var code = Code(UsingDirective().Replace(text, ""));
            var scopes = Enclosing(ns).Append("").ToList();
            foreach (Match name in QualifiedName().Matches(code))
            {
                if (Resolve(name.Groups[1].Value, scopes) is { } target) Add(ns, target, path);
            }

            foreach (var outer in Enclosing(ns).Skip(1))
            {
                if (types.TryGetValue(outer, out var outerTypes) && outerTypes.Any(t => Regex.IsMatch(code, $@"(?<![\w.]){t}\b")))
                {
                    Add(ns, outer, path);
                }
            }
        }
    }

    public static NamespaceGraph FromDirectory(string root) =>
        new(Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Select(p => (Path.GetRelativePath(root, p), File.ReadAllText(p))));

    /// <summary>Every pair of namespaces that use each other, with a file on each side as evidence.</summary>
    public IReadOnlyList<string> TwoWayDependencies()
    {
        var cycles = new List<string>();
        foreach (var (a, targets) in uses.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            foreach (var (b, evidence) in targets.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (string.CompareOrdinal(a, b) < 0 && uses.TryGetValue(b, out var back) && back.TryGetValue(a, out var other))
                {
                    cycles.Add($"{a} <-> {b} ({evidence}; {other})");
                }
            }
        }

        return cycles;
    }

    private void Add(string from, string to, string path)
    {
        if (from == to || !types.ContainsKey(to)) return;
        if (!uses.TryGetValue(from, out var targets)) uses[from] = targets = new(StringComparer.Ordinal);
        targets.TryAdd(to, path);
    }

    /// <summary>The namespace a dotted name refers to, trying it under each scope: its longest prefix that is a
    /// namespace of these sources and, unless the whole name is that namespace, is followed by a type declared in it.</summary>
    private string? Resolve(string dotted, IEnumerable<string> scopes)
    {
        foreach (var scope in scopes)
        {
            var full = scope.Length == 0 ? dotted : scope + "." + dotted;
            if (types.ContainsKey(full)) return full;
            var parts = full.Split('.');
            for (var length = parts.Length - 1; length > 0; length--)
            {
                var candidate = string.Join('.', parts[..length]);
                if (types.TryGetValue(candidate, out var declared) && declared.Contains(parts[length])) return candidate;
            }
        }

        return null;
    }

    private static IEnumerable<string> Enclosing(string ns)
    {
        for (var name = ns; name.Length > 0; name = name.Contains('.') ? name[..name.LastIndexOf('.')] : "") yield return name;
    }

    private static HashSet<string> Declared(Dictionary<string, HashSet<string>> all, string ns)
    {
        if (!all.TryGetValue(ns, out var set)) all[ns] = set = new(StringComparer.Ordinal);
        return set;
    }

    /// <summary>The text without comments and string literals, but with the targets of crefs and the holes of
    /// interpolated strings (they bind like code).</summary>
    private static string Code(string text)
    {
        var crefs = string.Join(' ', CrefTarget().Matches(text).Select(m => m.Groups[1].Value));
        var code = Comment().Replace(text, "");
        code = InterpolatedString().Replace(code, s => string.Join(' ', Hole().Matches(s.Value).Select(h => h.Groups[1].Value)));
        return StringLiteral().Replace(code, "\"\"") + " " + crefs;
    }

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?(KeyRotation[\w.]*)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();

    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum)\s+(?:struct\s+|class\s+)?(\w+)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"(?<![\w.])([A-Z]\w*(?:\.[A-Z]\w*)+)")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"cref=""([^""]+)""")]
    private static partial Regex CrefTarget();

    [GeneratedRegex(@"//.*|/\*[\s\S]*?\*/")]
    private static partial Regex Comment();

    [GeneratedRegex(@"@?""(?:\\.|[^""\\\n])*""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\$@?""(?:\\.|[^""\\\n])*""")]
    private static partial Regex InterpolatedString();

    [GeneratedRegex(@"(?<!\{)\{([^{}]*)\}")]
    private static partial Regex Hole();
}
