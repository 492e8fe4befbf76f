using System.Xml.Linq;

namespace KeyRotation.Aws.Protocol;

/// <summary>Parses awsQuery XML with namespaces dropped, so readers name elements by local name only.</summary>
internal static class XmlBodies
{
    public static XDocument Parse(string body)
    {
        // XDocument.Parse prohibits DTDs by default, which keeps entity expansion out.
        var document = XDocument.Parse(body);
        foreach (var element in document.Descendants())
        {
            element.Name = element.Name.LocalName;
            element.Attributes().Where(a => a.IsNamespaceDeclaration).Remove();
        }

        return document;
    }

    public static string? Text(this XElement parent, string name) => parent.Element(name)?.Value;

    public static string Required(this XElement parent, string name) =>
        parent.Element(name)?.Value ?? throw new FormatException($"Response element <{parent.Name}> has no <{name}>.");

    /// <summary>The items of an awsQuery list: <c>&lt;Name&gt;&lt;member&gt;..&lt;/member&gt;&lt;/Name&gt;</c>.</summary>
    public static IEnumerable<XElement> Members(this XElement parent, string name) =>
        parent.Element(name)?.Elements("member") ?? [];
}
