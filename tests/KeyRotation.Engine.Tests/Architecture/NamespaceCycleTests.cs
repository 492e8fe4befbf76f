using KeyRotation.Testing;

namespace KeyRotation.Engine.Tests.Architecture;

/// <summary>The product's namespaces form layers: no two of them use each other, however the use is spelled.</summary>
public sealed class NamespaceCycleTests
{
    /// <summary>
    /// The hosts' cycles not broken yet: their folders are being recomposed on other branches (one composition root,
    /// one options model). This list may only shrink: a new cycle fails, and so does a listed one that is gone.
    /// </summary>
    private static readonly string[] KnownHostCycles =
    [
        "KeyRotation.Cli <-> KeyRotation.Cli.Commands",
        "KeyRotation.Cli <-> KeyRotation.Cli.Commands.Audit",
        "KeyRotation.Cli <-> KeyRotation.Cli.Commands.Incidents",
        "KeyRotation.Cli <-> KeyRotation.Cli.Options",
        "KeyRotation.Cli <-> KeyRotation.Cli.Output",
        "KeyRotation.Cli <-> KeyRotation.Cli.Running",
        "KeyRotation.Cli.Commands.Audit <-> KeyRotation.Cli.Options",
        "KeyRotation.Cli.Options <-> KeyRotation.Cli.Output",
        "KeyRotation.Cli.Options <-> KeyRotation.Cli.Running",
        "KeyRotation.Cli.Output <-> KeyRotation.Cli.Running",
        "KeyRotation.Lambda.Events <-> KeyRotation.Lambda.Hosting",
        "KeyRotation.Lambda.Events <-> KeyRotation.Lambda.Runtime",
        "KeyRotation.Lambda.Hosting <-> KeyRotation.Lambda.Runtime",
    ];

    [Fact]
    public void ProductSources_TwoWayNamespaceDependencies_NoneBeyondKnownHostCycles()
    {
        var cycles = NamespaceGraph.FromDirectory(RepositoryRoot.File("src")).TwoWayDependencies();
        var pairs = cycles.Select(c => c.Split(" (")[0]).ToHashSet(StringComparer.Ordinal);

        var added = cycles.Where(c => !KnownHostCycles.Contains(c.Split(" (")[0])).ToList();
        Assert.True(added.Count == 0, "Namespaces that use each other:\n" + string.Join('\n', added));
        var gone = KnownHostCycles.Where(known => !pairs.Contains(known)).ToList();
        Assert.True(gone.Count == 0, "No longer a cycle, remove from KnownHostCycles:\n" + string.Join('\n', gone));
    }

    [Theory]
    [InlineData("using KeyRotation.A;", "A uses B through a using")]
    [InlineData("", "var x = new KeyRotation.A.Alpha();")]
    [InlineData("", "/// <see cref=\"A.Alpha\"/> resolved against the enclosing KeyRotation")]
    public void Graph_BackReferenceSpelledAnyWay_ReportsCycle(string usingLine, string body)
    {
        var graph = new NamespaceGraph(
        [
            ("A/Alpha.cs", "using KeyRotation.B;\nnamespace KeyRotation.A;\nclass Alpha { Beta? b; }"),
            ("B/Beta.cs", $"{usingLine}\nnamespace KeyRotation.B;\nclass Beta {{ }}\n{body}"),
        ]);

        Assert.Equal("KeyRotation.A <-> KeyRotation.B", Assert.Single(graph.TwoWayDependencies()).Split(" (")[0]);
    }

    [Fact]
    public void Graph_ParentTypeNamedFromNestedNamespace_ReportsCycle()
    {
        var graph = new NamespaceGraph(
        [
            ("A/Alpha.cs", "using KeyRotation.A.Inner;\nnamespace KeyRotation.A;\nclass Alpha { Nested? n; }"),
            ("A/Inner/Nested.cs", "namespace KeyRotation.A.Inner;\nclass Nested { Alpha? a; }"),
        ]);

        Assert.Single(graph.TwoWayDependencies());
    }

    [Fact]
    public void Graph_OneWayUseAndNamesInCommentsOrStrings_NoCycle()
    {
        var graph = new NamespaceGraph(
        [
            ("A/Alpha.cs", "using KeyRotation.B;\nnamespace KeyRotation.A;\nclass Alpha { Beta? b; }"),
            ("B/Beta.cs", "namespace KeyRotation.B;\n// see KeyRotation.A.Alpha\nclass Beta { string s = \"KeyRotation.A.Alpha\"; }"),
        ]);

        Assert.Empty(graph.TwoWayDependencies());
    }
}
