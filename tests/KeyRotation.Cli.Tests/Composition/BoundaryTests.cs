using System.Xml.Linq;
using KeyRotation.Testing;

namespace KeyRotation.Cli.Tests.Composition;

/// <summary>
/// What the one composition made possible, held: production assemblies open their internals to test assemblies only,
/// and nothing on an AWS path names a simulation type.
/// </summary>
public sealed class BoundaryTests
{
    /// <summary>The CLI's files an AWS plan, run, report or incident goes through; the Lambda host and the AWS adapters entirely.</summary>
    private static readonly string[] AwsPaths =
    [
        "src/KeyRotation.Cli/Running/AwsTarget.cs",
        "src/KeyRotation.Cli/Running/AwsStartup.cs",
        "src/KeyRotation.Cli/Running/AuditStores.cs",
        "src/KeyRotation.Cli/Running/SweepRunner.cs",
        "src/KeyRotation.Cli/Commands/ReportCommand.cs",
        "src/KeyRotation.Cli/Commands/Incidents/IncidentRunner.cs",
        "src/KeyRotation.Lambda",
        "src/KeyRotation.Aws",
    ];

    [Fact]
    public void ProductionProjects_InternalsVisibleTo_OnlyTestAssemblies()
    {
        var grants = Directory.GetFiles(RepositoryRoot.File("src"), "*.csproj", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(RepositoryRoot.File("bench"), "*.csproj", SearchOption.AllDirectories))
            .SelectMany(project => XDocument.Load(project).Descendants("InternalsVisibleTo")
                .Select(grant => (Project: Path.GetFileName(project), To: (string?)grant.Attribute("Include") ?? "")))
            .ToList();

        Assert.NotEmpty(grants);
        Assert.All(grants, grant => Assert.True(grant.To.EndsWith(".Tests", StringComparison.Ordinal), $"{grant.Project} grants its internals to {grant.To}"));
    }

    [Fact]
    public void AwsPaths_Source_NameNoSimulationType()
    {
        var files = AwsPaths.SelectMany(path => path.EndsWith(".cs", StringComparison.Ordinal)
            ? [RepositoryRoot.File(path)]
            : Directory.GetFiles(RepositoryRoot.File(path), "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)));

        var offenders = files.Where(f => File.ReadAllText(f).Contains("KeyRotation.Simulation", StringComparison.Ordinal)).ToList();

        Assert.True(files.Count() > AwsPaths.Length, "the AWS paths were not found");
        Assert.Empty(offenders);
    }

    [Fact]
    public void AwsAssembly_References_NotTheSimulation() =>
        Assert.DoesNotContain(typeof(KeyRotation.Aws.AwsAdapters).Assembly.GetReferencedAssemblies(), name => name.Name == "KeyRotation.Simulation");
}
