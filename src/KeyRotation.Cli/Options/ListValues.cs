namespace KeyRotation.Cli.Options;

/// <summary>List flags accept both "--accounts a,b" and "--accounts a --accounts b".</summary>
internal static class ListValues
{
    public static IReadOnlyList<string> Split(IEnumerable<string>? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToArray();
}
