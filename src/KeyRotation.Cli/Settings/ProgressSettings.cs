namespace KeyRotation.Cli.Settings;

/// <summary>
/// How a plan or run shows its progress on stderr (never on stdout, which holds the report). The defaults are stated
/// here once; --progress picks <see cref="Mode"/>, and the help text and README read the interval from here.
/// </summary>
/// <param name="Mode">Default <see cref="ProgressMode.Auto"/> for plan and run.</param>
internal sealed record ProgressSettings(ProgressMode Mode)
{
    public static ProgressSettings Default { get; } = new(ProgressMode.Auto);

    /// <summary>Commands without --progress (demo) show none.</summary>
    public static ProgressSettings Off { get; } = new(ProgressMode.Never);

    /// <summary>
    /// When stderr is not a terminal (a log, CI): a line this often. Default 10 s: a log of a long run shows it is
    /// alive and how far it is, while a run of a few seconds writes nothing.
    /// </summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>On a terminal: the live line is redrawn this often. Default 250 ms, quick to the eye and cheap.</summary>
    public TimeSpan RedrawInterval { get; init; } = TimeSpan.FromMilliseconds(250);
}

internal enum ProgressMode
{
    /// <summary>On a terminal a live line, cleared at the end; otherwise a line every <see cref="ProgressSettings.Interval"/>
    /// and a last one at the end, but only once a first was due (short runs write nothing).</summary>
    Auto,

    /// <summary>As <see cref="Auto"/>, and when stderr is not a terminal also a line once the accounts are listed and a
    /// last one at the end, however short the run.</summary>
    Always,

    Never,
}
