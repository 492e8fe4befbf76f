namespace KeyRotation.Cli.Tests.Support;

/// <summary>A scratch folder per test, removed afterwards.</summary>
internal sealed class TempFiles : IDisposable
{
    public TempFiles()
    {
        Folder = Path.Combine(Path.GetTempPath(), "keyrotation-cli-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string Write(string name, string content)
    {
        var path = PathOf(name);
        File.WriteAllText(path, content);
        return path;
    }

    public string PathOf(string name) => Path.Combine(Folder, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
