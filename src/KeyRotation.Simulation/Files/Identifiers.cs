using System.Text.RegularExpressions;
using KeyRotation.Engine.Settings;

namespace KeyRotation.Simulation.Files;

/// <summary>The shapes AWS gives its identifiers, so a file cannot describe something AWS could not hold.</summary>
internal static partial class Identifiers
{
    public const string RootId = "r-root";

    public static void CheckAccountId(string value, string path)
    {
        if (!AccountIds.IsValid(value))
        {
            throw new SimulationFileException(path, $"account id must be exactly 12 digits (got \"{value}\")");
        }
    }

    public static void CheckOrganizationalUnitId(string value, string path)
    {
        if (!OuIdPattern().IsMatch(value))
        {
            throw new SimulationFileException(
                path, $"organizational unit id must start with 'ou-' followed by lower-case letters, digits or '-' (got \"{value}\")");
        }
    }

    /// <summary>IAM's path rule: <c>/</c>, or segments of printable ASCII between slashes, at most 512 characters.</summary>
    public static void CheckUserPath(string value, string path)
    {
        if (value.Length > 512 || !UserPathPattern().IsMatch(value))
        {
            throw new SimulationFileException(path, $"user path must be '/' or like '/engineering/' (got \"{value}\")");
        }
    }

    [GeneratedRegex(@"^/([\x21-\x2E\x30-\x7E]+/)*$")]
    private static partial Regex UserPathPattern();

    /// <summary>IAM's user name rule: 1-64 characters of letters, digits and <c>+=,.@_-</c>.</summary>
    public static void CheckUserName(string value, string path)
    {
        if (!UserNamePattern().IsMatch(value))
        {
            throw new SimulationFileException(
                path, $"user name must be 1-64 characters of letters, digits and +=,.@_- (got \"{value}\")");
        }
    }

    /// <summary>IAM's access key id rule: 16-128 word characters.</summary>
    public static void CheckAccessKeyId(string value, string path)
    {
        if (!AccessKeyIdPattern().IsMatch(value))
        {
            throw new SimulationFileException(
                path, $"access key id must be 16-128 letters or digits, e.g. AKIAEXAMPLE000000001 (got \"{value}\")");
        }
    }

    [GeneratedRegex("^ou-[0-9a-z][0-9a-z-]*$")]
    private static partial Regex OuIdPattern();

    [GeneratedRegex(@"^[A-Za-z0-9+=,.@_-]{1,64}$")]
    private static partial Regex UserNamePattern();

    [GeneratedRegex("^[A-Za-z0-9_]{16,128}$")]
    private static partial Regex AccessKeyIdPattern();
}
