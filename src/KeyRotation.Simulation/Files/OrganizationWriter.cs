using System.Text.Json;
using KeyRotation.Core.Facts;
using KeyRotation.Simulation.Model;

namespace KeyRotation.Simulation.Files;

/// <summary>
/// Writes the organization in the simulation file format with absolute UTC dates. The model never holds a
/// secret, so nothing secret can be written.
/// </summary>
internal static class OrganizationWriter
{
    public static void Write(Utf8JsonWriter writer, SimulatedOrganization organization)
    {
        writer.WriteStartObject();
        writer.WriteString("managementAccountId", organization.ManagementAccountId);
        writer.WriteStartArray("organizationalUnits");
        foreach (var unit in organization.OrganizationalUnits)
        {
            writer.WriteStartObject();
            writer.WriteString("id", unit.Id);
            writer.WriteString("name", unit.Name);
            writer.WriteString("parentId", unit.ParentId);
            WriteTags(writer, unit.Tags);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("accounts");
        foreach (var account in organization.Accounts)
        {
            WriteAccount(writer, account);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteAccount(Utf8JsonWriter writer, SimulatedAccount account)
    {
        writer.WriteStartObject();
        writer.WriteString("id", account.Id);
        writer.WriteString("name", account.Name);
        writer.WriteString("state", AccountReader.FormatState(account.State));
        writer.WriteString("parentId", account.ParentId);
        WriteTags(writer, account.Tags);
        writer.WriteStartArray("users");
        foreach (var user in account.Users)
        {
            writer.WriteStartObject();
            writer.WriteString("name", user.Name);
            if (user.Path != "/") writer.WriteString("path", user.Path);
            WriteTags(writer, user.Tags);
            writer.WriteStartArray("accessKeys");
            foreach (var key in user.AccessKeys)
            {
                WriteKey(writer, key);
            }

            writer.WriteEndArray();
            if (user.SecretNameTakenBy is { } takenBy) writer.WriteString("secretNameTakenBy", takenBy);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteKey(Utf8JsonWriter writer, SimulatedAccessKey key)
    {
        writer.WriteStartObject();
        writer.WriteString("id", key.Id);
        writer.WriteString("status", key.Status == AccessKeyStatus.Active ? "Active" : "Inactive");
        writer.WriteString("created", InstantText.Format(key.CreatedAt));
        if (key.LastUsedAt is { } lastUsed)
        {
            writer.WriteString("lastUsed", InstantText.Format(lastUsed));
        }

        // Only an Inactive key's deactivation matters (its recovery window); the file format allows it nowhere else.
        if (key.Status == AccessKeyStatus.Inactive && key.DeactivatedByToolAt is { } deactivated)
        {
            writer.WriteString("deactivated", InstantText.Format(deactivated));
        }

        writer.WriteEndObject();
    }

    private static void WriteTags(Utf8JsonWriter writer, Dictionary<string, string> tags)
    {
        writer.WriteStartObject("tags");
        foreach (var (key, value) in tags.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }
}
