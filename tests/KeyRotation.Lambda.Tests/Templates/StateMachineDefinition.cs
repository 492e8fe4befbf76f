using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static KeyRotation.Lambda.Tests.Templates.CfnTemplate;

namespace KeyRotation.Lambda.Tests.Templates;

/// <summary>The central template's state machine definition, as the JSON it becomes.</summary>
internal static partial class StateMachineDefinition
{
    /// <summary>The DefinitionString with every ${...} substitution replaced by 0, which is valid JSON quoted or not.</summary>
    public static JsonObject Parse()
    {
        var sub = (string)Path(Templates.Central.Resource("StateMachine"), "Properties", "DefinitionString", "Fn::Sub")!;
        return JsonNode.Parse(Substitution().Replace(sub, "0"))!.AsObject();
    }

    [GeneratedRegex(@"\$\{[^!}][^}]*\}")]
    private static partial Regex Substitution();
}
