using KeyRotation.Lambda.Configuration;

namespace KeyRotation.Lambda.Tests.Support;

/// <summary>An environment in a dictionary that remembers which variables were read and every value set.</summary>
internal sealed class FakeEnvironment : IEnvironment
{
    private readonly Dictionary<string, string?> values;

    public FakeEnvironment(IReadOnlyDictionary<string, string> values) =>
        this.values = values.ToDictionary(kv => kv.Key, kv => (string?)kv.Value, StringComparer.Ordinal);

    public HashSet<string> Read { get; } = new(StringComparer.Ordinal);

    public List<(string Name, string? Value)> Writes { get; } = [];

    public string? Get(string name)
    {
        Read.Add(name);
        return values.GetValueOrDefault(name);
    }

    public void Set(string name, string? value)
    {
        Writes.Add((name, value));
        values[name] = value;
    }

    /// <summary>A complete, valid configuration; tests change one variable at a time.</summary>
    public static Dictionary<string, string> Valid() => new(StringComparer.Ordinal)
    {
        [EnvironmentVariables.MemberRoleName] = "KeyRotationMemberRole",
        [EnvironmentVariables.ExternalId] = "ext-Id_2026:rotation",
        [EnvironmentVariables.TopicArn] = "arn:aws:sns:eu-west-1:111111111111:key-rotation",
        [EnvironmentVariables.AuditTable] = "key-rotation-AuditTable-ABC123",
        [EnvironmentVariables.DryRun] = "false",
    };

    public static FakeEnvironment With(params (string Name, string Value)[] changes)
    {
        var values = Valid();
        foreach (var (name, value) in changes)
        {
            values[name] = value;
        }

        return new FakeEnvironment(values);
    }
}
