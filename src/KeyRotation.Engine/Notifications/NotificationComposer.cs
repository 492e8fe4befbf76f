using System.Text;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Engine.Notifications;

/// <summary>Builds owner notifications: an SNS-safe subject and the attributes subscription filters match on.</summary>
internal static class NotificationComposer
{
    /// <summary>SNS refuses subjects of 100 characters or more.</summary>
    public const int MaxSubjectLength = 99;

    private const string SubjectPrefix = "Key rotation: ";

    public static Notification Compose(
        string eventName, string severity, AccountFacts account, string userName, string owner, string subject, string message) =>
        new(
            Subject(SubjectPrefix + subject),
            message,
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [NotificationAttribute.Event] = eventName,
                [NotificationAttribute.Account] = account.AccountId,
                [NotificationAttribute.User] = userName,
                [NotificationAttribute.Owner] = owner,
                [NotificationAttribute.Severity] = severity,
            });

    /// <summary>Printable ASCII only, one line, shorter than SNS's limit.</summary>
    public static string Subject(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxSubjectLength));
        foreach (var c in text)
        {
            if (builder.Length == MaxSubjectLength)
            {
                break;
            }

            builder.Append(c is >= ' ' and <= '~' ? c : '?');
        }

        return builder.ToString();
    }

    public static string AccountLabel(AccountFacts account) => $"{account.AccountId} ({account.Name})";
}
