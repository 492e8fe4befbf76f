using System.Text;

namespace KeyRotation.Aws.Protocol;

/// <summary>The members of one awsQuery request, flattened the protocol's way (<c>Tags.member.1.Key</c>).</summary>
internal sealed class QueryParameters
{
    private readonly List<KeyValuePair<string, string>> items = [];

    public IReadOnlyList<KeyValuePair<string, string>> Items => items;

    /// <summary>Adds a member; a null value is left out.</summary>
    public QueryParameters Add(string name, string? value)
    {
        if (value is not null) items.Add(new(name, value));
        return this;
    }

    /// <summary>A map member: <c>Name.entry.N.&lt;keyName&gt;</c> and <c>Name.entry.N.&lt;valueName&gt;...</c>, N from 1.</summary>
    public QueryParameters AddMap<T>(string name, IEnumerable<KeyValuePair<string, T>> entries, string keyName,
        Action<QueryParameters, string, T> addValue)
    {
        var index = 0;
        foreach (var (key, value) in entries)
        {
            index++;
            var prefix = $"{name}.entry.{index}.";
            Add(prefix + keyName, key);
            addValue(this, prefix, value);
        }

        return this;
    }

    /// <summary><c>Action=..&amp;Version=..&amp;...</c>, every name and value RFC 3986-encoded (so '+' is %2B, ' ' is %20).</summary>
    public string ToFormBody(string action, string version)
    {
        var body = new StringBuilder();
        Append(body, "Action", action);
        Append(body, "Version", version);
        foreach (var (name, value) in items) Append(body, name, value);
        return body.ToString();
    }

    /// <summary>Percent-encodes everything but RFC 3986 unreserved characters; form decoding reads a raw '+' as a space.</summary>
    internal static string Encode(string value) => Uri.EscapeDataString(value);

    private static void Append(StringBuilder body, string name, string value)
    {
        if (body.Length > 0) body.Append('&');
        body.Append(Encode(name)).Append('=').Append(Encode(value));
    }
}
