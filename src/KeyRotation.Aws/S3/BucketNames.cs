using System.Net;
using System.Text.RegularExpressions;

namespace KeyRotation.Aws.S3;

/// <summary>S3's general-purpose bucket naming rules, checked once for every bucket a host is given (digest, report, fan-out).</summary>
public static partial class BucketNames
{
    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex NamePattern();

    /// <returns>Null when <paramref name="name"/> is a valid bucket name; otherwise why not, naming <paramref name="field"/> and the value.</returns>
    public static string? Problem(string field, string name)
    {
        var why = !NamePattern().IsMatch(name) ? "3-63 lower-case letters, digits, '.' and '-', starting and ending with a letter or digit"
            : name.Contains("..", StringComparison.Ordinal) ? "no two dots in a row"
            : IPAddress.TryParse(name, out _) ? "not an IP address"
            : name.StartsWith("xn--", StringComparison.Ordinal) || name.StartsWith("sthree-", StringComparison.Ordinal) ? "not starting with 'xn--' or 'sthree-'"
            : name.EndsWith("-s3alias", StringComparison.Ordinal) || name.EndsWith("--ol-s3", StringComparison.Ordinal) ? "not ending with '-s3alias' or '--ol-s3'"
            : null;
        return why is null ? null : $"{field} '{name}' is not an S3 bucket name ({why}).";
    }
}
