namespace KeyRotation.Cli.Settings;

internal enum OutputFormat
{
    Table,
    Json,
    Csv,
}
