using KeyRotation.Testing;

namespace KeyRotation.Engine.Tests.Architecture;

/// <summary>The product's namespaces form layers, hosts included: no two of them use each other, however the use is spelled.</summary>
public sealed class NamespaceCycleTests
{
    [Fact]
    public void ProductSources_TwoWayNamespaceDependencies_None()
    {
        var cycles = NamespaceGraph.FromDirectory(RepositoryRoot.File("src")).TwoWayDependencies();

        Assert.True(cycles.Count == 0, "Namespaces that use each other:\n" + string.Join('\n', cycles));
    }

    [Theory]
    [InlineData("using KeyRotation.A;", "A uses B through a using")]
    [InlineData("", "var x = new KeyRotation.A.Alpha();")]
    [InlineData("", "/// <see cref=\"A.Alpha\"/> resolved against the enclosing KeyRotation")]
    [InlineData("", "class Gamma { string s = $\"named in a message: {KeyRotation.A.Alpha.Name}\"; }")]
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
            ("B/Beta.cs", "namespace KeyRotation.B;\n// see KeyRotation.A.Alpha\nclass Beta { string s = \"KeyRotation.A.Alpha\"; string t = $\"KeyRotation.A.Alpha {s}\"; }"),
        ]);

        Assert.Empty(graph.TwoWayDependencies());
    }
}
