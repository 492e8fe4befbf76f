using System.Text.RegularExpressions;

namespace KeyRotation.Engine.Settings;

/// <summary>
/// One unusable setting, in the engine's field names. A host renders it with its own names (a flag, a variable, an
/// event field), so every host says the same thing about the same value.
/// </summary>
/// <param name="Field">The setting at fault, or null when the text names the fields itself (a rule across fields).</param>
/// <param name="Value">The value as given, or null when the text says it.</param>
/// <param name="Text">What is wrong; field names in it are renamed too.</param>
public sealed record SettingProblem(string? Field, string? Value, string Text)
{
    /// <summary>"NAME: 'value' text", with every field name replaced by <paramref name="nameOf"/>'s.</summary>
    public string Render(Func<string, string> nameOf)
    {
        ArgumentNullException.ThrowIfNull(nameOf);
        var text = FieldNames().Replace(Text, m => nameOf(m.Value));
        return (Field, Value) switch
        {
            (null, _) => text,
            (_, null) => $"{nameOf(Field)} {text}",
            _ => $"{nameOf(Field)}: '{Value}' {text}",
        };
    }

    /// <summary>The problem as the engine names things, for tests and logs.</summary>
    public override string ToString() => Render(field => field);

    // Whole words only: a word that merely contains a field's name (RunIds) is not that field.
    private static readonly Regex FieldNamesPattern = new(
        $@"\b({string.Join("|", RotationSettings.Fields)})\b", RegexOptions.CultureInvariant);

    private static Regex FieldNames() => FieldNamesPattern;
}
