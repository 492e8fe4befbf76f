namespace KeyRotation.Cli.Output;

/// <summary>How <c>keyrotation audit</c> prints events.</summary>
internal enum AuditOutputFormat
{
    /// <summary>Aligned columns for people (the default).</summary>
    Table,

    /// <summary>A JSON array, one event object per line, every field.</summary>
    Json,

    /// <summary>RFC 4180 CSV with a header row, every field, safe to open in a spreadsheet.</summary>
    Csv,
}
