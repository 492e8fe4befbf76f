using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using KeyRotation.Simulation.Model;

namespace KeyRotation.Simulation.Files;

/// <summary>
/// The simulation file of FORMATS.md: a whole organization as JSON. Loading is strict (unknown fields, wrong
/// types, bad ids, duplicates, dangling parents and cycles are errors naming the JSON path); saving writes
/// absolute UTC dates and never a secret, and what it writes loads back to the same organization.
/// </summary>
/// <remarks>
/// Optional on load: managementAccountId (default 111111111111), organizationalUnits, an account's state (ACTIVE)
/// and parentId (r-root), tags, users, accessKeys, a key's last use (never used) and deactivation (not by this tool).
/// Required: accounts, each id and name, a key's status and one of created / ageDays. Comments are allowed.
/// </remarks>
public static class SimulationFile
{
    private static readonly JsonDocumentOptions ParseOptions = new()
    {
        // Hand-written files deserve comments; trailing commas stay errors so typos surface.
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 32,
    };

    private static readonly JsonWriterOptions WriteOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Reads an organization; relative values (ageDays, lastUsedDaysAgo, deactivatedDaysAgo) count back from <paramref name="asOf"/>.</summary>
    /// <exception cref="SimulationFileException">The file is malformed; the message names the problem and its path.</exception>
    public static SimulatedOrganization Load(string json, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, ParseOptions);
        }
        catch (JsonException e)
        {
            throw new SimulationFileException(JsonPath.Root, $"not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}): {FirstSentence(e.Message)}");
        }

        using (document)
        {
            return OrganizationReader.Read(document.RootElement, asOf);
        }
    }

    public static string Save(SimulatedOrganization organization)
    {
        ArgumentNullException.ThrowIfNull(organization);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriteOptions))
        {
            OrganizationWriter.Write(writer, organization);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static string FirstSentence(string message)
    {
        // The parser appends its own position and path; ours are already in front.
        foreach (var marker in (string[])[" Path:", " LineNumber:"])
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }

        return message.TrimEnd();
    }
}
