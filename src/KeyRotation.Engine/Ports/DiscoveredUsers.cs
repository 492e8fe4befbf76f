using System.Collections;
using KeyRotation.Core.Facts;

namespace KeyRotation.Engine.Ports;

/// <summary>
/// What <see cref="IIdentityStore.DiscoverUsersAsync"/> returns: the users, which users' facts are unconfirmed, and
/// remarks for the account's report. Without unconfirmed names every user is confirmed.
/// </summary>
/// <remarks>
/// Unconfirmed facts come from a bulk snapshot (IAM's credential report): they may be hours old and carry
/// placeholder key ids, since the report names none. They may only err towards planning more, never less: a key
/// looks older or longer unused, never younger. The engine therefore skips such a user when its snapshot plan is
/// empty, and otherwise reads it live (<see cref="IIdentityStore.ReadUserAsync"/>) and plans again before recording
/// any decision, dry runs included.
/// </remarks>
public sealed class DiscoveredUsers : IReadOnlyList<UserFacts>
{
    private const string PlaceholderPrefix = "credential-report:access_key_";

    private readonly IReadOnlyList<UserFacts> users;
    private readonly HashSet<string> unconfirmed;

    /// <param name="unconfirmedUserNames">Users whose facts must be read live before any decision about them.</param>
    /// <param name="notes">Remarks for the account's report, e.g. a fallback from bulk to per-key discovery. Never a secret.</param>
    public DiscoveredUsers(
        IEnumerable<UserFacts> users, IEnumerable<string>? unconfirmedUserNames = null, IEnumerable<string>? notes = null)
    {
        ArgumentNullException.ThrowIfNull(users);
        this.users = users.ToArray();
        unconfirmed = new HashSet<string>(unconfirmedUserNames ?? [], StringComparer.Ordinal);
        Notes = notes?.ToArray() ?? [];
    }

    public IReadOnlyList<string> Notes { get; }

    public int Count => users.Count;

    public UserFacts this[int index] => users[index];

    public bool IsConfirmed(string userName) => !unconfirmed.Contains(userName);

    /// <summary>
    /// Stands for the key in credential report slot <paramref name="slot"/> (1 or 2) of an unconfirmed user; never a
    /// real key id (it holds a colon), and never recorded: the engine names no key instead (FORMATS.md).
    /// </summary>
    public static string PlaceholderKeyId(int slot) =>
        PlaceholderPrefix + slot.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The text with each placeholder in it replaced by words (e.g. a planner's "replaces ..." detail).</summary>
    public static string WithoutPlaceholders(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var slot = 1; slot <= 2 && text.Contains(PlaceholderPrefix, StringComparison.Ordinal); slot++)
        {
            text = text.Replace(PlaceholderKeyId(slot), $"the key in credential report slot {slot}", StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>The credential report slot a placeholder stands for, or null for a real key id (or none).</summary>
    public static int? SlotOf(string? accessKeyId) =>
        accessKeyId is not null && accessKeyId.StartsWith(PlaceholderPrefix, StringComparison.Ordinal)
            && int.TryParse(accessKeyId.AsSpan(PlaceholderPrefix.Length), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var slot)
            ? slot
            : null;

    public IEnumerator<UserFacts> GetEnumerator() => users.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
