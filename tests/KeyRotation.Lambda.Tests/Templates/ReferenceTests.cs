using System.Text.RegularExpressions;
using static KeyRotation.Lambda.Tests.Templates.CfnTemplate;

namespace KeyRotation.Lambda.Tests.Templates;

/// <summary>Every Ref, GetAtt, Sub variable, DependsOn and condition names something the template declares.</summary>
public sealed partial class ReferenceTests
{
    private static readonly HashSet<string> Pseudo =
    [
        "AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition", "AWS::Region", "AWS::StackId",
        "AWS::StackName", "AWS::URLSuffix",
    ];

    [Theory]
    [MemberData(nameof(Templates.All), MemberType = typeof(Templates))]
    public void Refs_NameParametersResourcesOrPseudoParameters(string path)
    {
        var template = Templates.ByPath(path);
        var names = Declared(template);

        foreach (var reference in Intrinsics(template, "Ref"))
        {
            Assert.True(names.Contains((string)reference!), $"{path}: Ref {reference} names nothing declared");
        }
    }

    [Theory]
    [MemberData(nameof(Templates.All), MemberType = typeof(Templates))]
    public void GetAttsAndSubVariables_NameDeclaredThings(string path)
    {
        var template = Templates.ByPath(path);
        var names = Declared(template);

        foreach (var getAtt in Intrinsics(template, "Fn::GetAtt"))
        {
            var resource = (string)Path(getAtt, 0)!;
            Assert.True(template.Resources.ContainsKey(resource), $"{path}: GetAtt on unknown resource {resource}");
        }

        foreach (var sub in Intrinsics(template, "Fn::Sub"))
        {
            var text = sub is List<object?> l ? (string)l[0]! : (string)sub!;
            IReadOnlyCollection<string> locals = sub is List<object?> withLocals
                ? ((Dictionary<string, object?>)withLocals[1]!).Keys
                : [];
            foreach (Match m in SubVariable().Matches(text))
            {
                var name = m.Groups[1].Value;
                var head = name.Contains("::", StringComparison.Ordinal) ? name : name.Split('.')[0];
                Assert.True(names.Contains(head) || locals.Contains(head), $"{path}: Sub variable ${{{name}}} names nothing declared");
                if (name.Contains('.', StringComparison.Ordinal))
                {
                    Assert.True(template.Resources.ContainsKey(head), $"{path}: Sub attribute ${{{name}}} on a non-resource");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Templates.All), MemberType = typeof(Templates))]
    public void DependsOnAndConditions_NameDeclaredThings(string path)
    {
        var template = Templates.ByPath(path);

        foreach (var (name, node) in template.Resources)
        {
            foreach (var target in Strings(Path(node, "DependsOn")))
            {
                Assert.True(template.Resources.ContainsKey(target), $"{path}: {name} depends on unknown {target}");
            }

            if (Path(node, "Condition") is string condition)
            {
                Assert.True(template.Conditions.ContainsKey(condition), $"{path}: {name} has unknown condition {condition}");
            }
        }

        foreach (var (name, output) in template.Outputs)
        {
            if (Path(output, "Condition") is string condition)
            {
                Assert.True(template.Conditions.ContainsKey(condition), $"{path}: output {name} has unknown condition {condition}");
            }
        }

        foreach (var condition in Intrinsics(template, "Condition").Concat(Intrinsics(template, "Fn::If").Select(i => Path(i, 0))))
        {
            Assert.True(template.Conditions.ContainsKey((string)condition!), $"{path}: unknown condition {condition}");
        }
    }

    [Theory]
    [MemberData(nameof(Templates.All), MemberType = typeof(Templates))]
    public void EveryParameter_IsUsed(string path)
    {
        var template = Templates.ByPath(path);
        var used = Intrinsics(template, "Ref").Cast<string>().ToHashSet();
        foreach (var sub in Intrinsics(template, "Fn::Sub"))
        {
            var text = sub is List<object?> l ? (string)l[0]! : (string)sub!;
            used.UnionWith(SubVariable().Matches(text).Select(m => m.Groups[1].Value));
        }

        foreach (var parameter in template.Parameters.Keys)
        {
            Assert.True(used.Contains(parameter), $"{path}: parameter {parameter} is never used");
        }
    }

    [Fact]
    public void Loader_EveryShortFormTagParsesToItsLongForm()
    {
        var template = Parse("""
            Resources:
              R:
                Type: X
                Properties:
                  A: !Ref P
                  B: !Sub '${AWS::Region}'
                  C: !GetAtt R.Arn
                  D: !If [C1, !Equals [a, b], !Not [!Condition C2]]
                  E: !And [!Or [x, y], z]
                  F: !Select [0, !Split [',', !Join [',', [a, b]]]]
                  G: !FindInMap [M, K, V]
                  H: !ImportValue exported
                  I: !Base64 text
                  J: !Cidr [10.0.0.0/16, 2, 8]
                  K: !GetAZs ''
            """);
        var properties = (Dictionary<string, object?>)Path(template.Resource("R"), "Properties")!;

        Assert.Equal("P", Path(properties, "A", "Ref"));
        Assert.Equal(["R", "Arn"], Strings(Path(properties, "C", "Fn::GetAtt")));
        Assert.Equal("C2", Path(properties, "D", "Fn::If", 2, "Fn::Not", 0, "Condition"));
        Assert.Equal(",", Path(properties, "F", "Fn::Select", 1, "Fn::Split", 0));
        Assert.Equal("exported", Path(properties, "H", "Fn::ImportValue"));
        Assert.Equal("8", Path(properties, "J", "Fn::Cidr", 2));
        Assert.Equal(17, CfnTemplate.ShortForms.Count);
    }

    [Fact]
    public void Loader_UnregisteredTag_FailsTheLoad()
    {
        var error = Assert.Throws<InvalidDataException>(() => Parse("A: !Reff X\n"));

        Assert.Contains("!Reff", error.Message, StringComparison.Ordinal);
    }

    private static HashSet<string> Declared(CfnTemplate template) =>
        [.. template.Parameters.Keys, .. template.Resources.Keys, .. Pseudo];

    private static IEnumerable<object?> Intrinsics(CfnTemplate template, string key) =>
        Walk(template.Root).OfType<Dictionary<string, object?>>()
            .Where(d => d.Count == 1 && d.ContainsKey(key) && (key != "Condition" || d[key] is string))
            .Select(d => d[key]);

    [GeneratedRegex(@"\$\{([^!}][^}]*)\}")]
    private static partial Regex SubVariable();
}
