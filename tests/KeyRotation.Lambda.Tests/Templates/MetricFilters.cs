using KeyRotation.Lambda.Tests.Support;

namespace KeyRotation.Lambda.Tests.Templates;

/// <summary>The central template's metric filters on the function's JSON logs, read from the template.</summary>
internal static class MetricFilters
{
    /// <summary>Where the JSON console formatter puts a log line's event name.</summary>
    public const string EventPath = "$.State.eventName";

    public static IReadOnlyList<(string Pattern, string EventName)> All { get; } = Read();

    private static List<(string, string)> Read()
    {
        var template = CfnTemplate.Load(RepositoryRoot.File("cloudformation", "key-rotation.yaml"));
        var filters = new List<(string, string)>();
        foreach (var (_, resource) in template.ResourcesOfType("AWS::Logs::MetricFilter"))
        {
            var pattern = (string)CfnTemplate.Path(resource, "Properties", "FilterPattern")!;
            var match = System.Text.RegularExpressions.Regex.Match(pattern, @"^\{\s*(\$\.[\w.]+)\s*=\s*""?(\w+)""?\s*\}$");
            Assert.True(match.Success, $"metric filter pattern {pattern} is not of the form {{ $.path = \"Event\" }}");
            Assert.Equal(EventPath, match.Groups[1].Value);
            filters.Add((pattern, match.Groups[2].Value));
        }

        return filters;
    }
}
