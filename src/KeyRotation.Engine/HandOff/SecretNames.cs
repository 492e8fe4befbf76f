using System.Globalization;
using System.Text;

namespace KeyRotation.Engine.HandOff;

/// <summary>
/// Maps an IAM user name to its secret's name, <c>key-rotation/&lt;escaped user name&gt;</c>, and back.
/// IAM user names use <c>[A-Za-z0-9+=,.@_-]</c>; secret names allow the same set except ','. The mapping escapes ',' as
/// <c>=2C</c> and the escape character '=' itself as <c>=3D</c> and keeps every other character, so ordinary names stay
/// readable and distinct user names always get distinct secret names (the mapping is reversible).
/// </summary>
internal static class SecretNames
{
    public const string Prefix = "key-rotation/";
    public const int MaxUserNameLength = 64;

    public static string ForUser(string userName)
    {
        Validate(userName);
        var name = new StringBuilder(Prefix, Prefix.Length + userName.Length);
        foreach (var c in userName)
        {
            _ = c switch
            {
                '=' => name.Append("=3D"),
                ',' => name.Append("=2C"),
                _ => name.Append(c),
            };
        }

        return name.ToString();
    }

    /// <exception cref="FormatException">The secret name was not made by <see cref="ForUser"/>.</exception>
    public static string UserOf(string secretName)
    {
        if (!secretName.StartsWith(Prefix, StringComparison.Ordinal)) throw new FormatException($"'{secretName}' does not start with '{Prefix}'.");
        var user = new StringBuilder();
        for (var i = Prefix.Length; i < secretName.Length; i++)
        {
            var c = secretName[i];
            if (c != '=')
            {
                user.Append(c);
                continue;
            }

            if (i + 2 >= secretName.Length) throw new FormatException($"'{secretName}' ends inside an escape.");
            var code = secretName.Substring(i + 1, 2);
            user.Append(code switch
            {
                "3D" => '=',
                "2C" => ',',
                _ => throw new FormatException($"'{secretName}' has an unknown escape '={code}'."),
            });
            i += 2;
        }

        return user.ToString();
    }

    /// <exception cref="ArgumentException">Not a possible IAM user name.</exception>
    public static void Validate(string userName)
    {
        if (string.IsNullOrEmpty(userName) || userName.Length > MaxUserNameLength)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"IAM user name must be 1 to {MaxUserNameLength} characters, got {userName?.Length ?? 0}."),
                nameof(userName));
        }

        foreach (var c in userName)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '=' or ',' or '.' or '@' or '_' or '-'))
            {
                throw new ArgumentException($"IAM user name '{userName}' contains '{c}', which IAM does not allow.", nameof(userName));
            }
        }
    }
}
