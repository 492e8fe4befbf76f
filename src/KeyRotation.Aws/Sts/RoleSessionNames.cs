using System.Text;

namespace KeyRotation.Aws.Sts;

/// <summary>
/// <c>key-rotation-&lt;run-id&gt;</c> fitted to STS's RoleSessionName rules: 2 to 64 characters from
/// <c>[A-Za-z0-9_+=,.@-]</c>; any other character becomes '-', and the tail is cut.
/// </summary>
internal static class RoleSessionNames
{
    public const string Prefix = "key-rotation-";
    public const int MaxLength = 64;

    public static string ForRun(string runId)
    {
        var name = new StringBuilder(Prefix.Length + runId.Length);
        name.Append(Prefix);
        foreach (var c in runId) name.Append(IsAllowed(c) ? c : '-');
        return name.Length <= MaxLength ? name.ToString() : name.ToString(0, MaxLength);
    }

    internal static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '+' or '=' or ',' or '.' or '@' or '-';
}
