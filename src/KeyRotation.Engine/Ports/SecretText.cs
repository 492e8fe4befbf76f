namespace KeyRotation.Engine.Ports;

/// <summary>
/// A secret string that does not leak through ToString, string interpolation, records' printing or
/// exception messages; only <see cref="Reveal"/> gives the value, and only secret hand-off code calls it.
/// </summary>
public sealed class SecretText
{
    private readonly string value;

    public SecretText(string value) => this.value = value ?? throw new ArgumentNullException(nameof(value));

    public string Reveal() => value;

    /// <summary>The text with every occurrence of this secret replaced by "[secret]", e.g. an adapter's error message.</summary>
    public string RedactFrom(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return value.Length == 0 ? text : text.Replace(value, "[secret]", StringComparison.Ordinal);
    }

    public override string ToString() => "[secret]";

    public override bool Equals(object? obj) => obj is SecretText other && other.value == value;

    public override int GetHashCode() => value.GetHashCode(StringComparison.Ordinal);
}
