using KeyRotation.Simulation.Files;

namespace KeyRotation.Simulation.Tests.Files;

public sealed class SimulationFileErrorTests
{
    private const string Key1 = "\"id\": \"AKIAEXAMPLE000000001\"";

    public static TheoryData<string, string, string> KeyErrors => new()
    {
        { $"{Key1}, \"status\": \"Active\", \"ageDays\": 5, \"colour\": \"red\"", "$.accounts[0].users[0].accessKeys[0].colour", "unknown field 'colour'" },
        { $"{Key1}, \"status\": \"Active\", \"created\": \"2026-01-01T00:00:00Z\", \"ageDays\": 5", "$.accounts[0].users[0].accessKeys[0].ageDays", "either 'created' or 'ageDays'" },
        { $"{Key1}, \"status\": \"Active\"", "$.accounts[0].users[0].accessKeys[0].created", "needs 'created' or 'ageDays'" },
        { $"{Key1}, \"status\": \"Enabled\", \"ageDays\": 5", "$.accounts[0].users[0].accessKeys[0].status", "unknown status \"Enabled\"" },
        { $"{Key1}, \"ageDays\": 5", "$.accounts[0].users[0].accessKeys[0].status", "required field 'status' is missing" },
        { "\"status\": \"Active\", \"ageDays\": 5", "$.accounts[0].users[0].accessKeys[0].id", "required field 'id' is missing" },
        { "\"id\": \"KEY1\", \"status\": \"Active\", \"ageDays\": 5", "$.accounts[0].users[0].accessKeys[0].id", "access key id must be 16-128" },
        { $"{Key1}, \"status\": \"Active\", \"ageDays\": \"old\"", "$.accounts[0].users[0].accessKeys[0].ageDays", "whole number of days, found the string \"old\"" },
        { $"{Key1}, \"status\": \"Active\", \"ageDays\": 2.5", "$.accounts[0].users[0].accessKeys[0].ageDays", "whole number of days, found the number 2.5" },
        { $"{Key1}, \"status\": \"Active\", \"ageDays\": -1", "$.accounts[0].users[0].accessKeys[0].ageDays", "must be 0 or more (got -1)" },
        { $"{Key1}, \"status\": \"Active\", \"created\": \"last tuesday\"", "$.accounts[0].users[0].accessKeys[0].created", "not an ISO 8601 instant" },
        { $"{Key1}, \"status\": \"Active\", \"created\": \"2026-05-01T00:00:00\"", "$.accounts[0].users[0].accessKeys[0].created", "with a time zone" },
        { $"{Key1}, \"status\": \"Active\", \"created\": \"2026-02-30T00:00:00Z\"", "$.accounts[0].users[0].accessKeys[0].created", "not an ISO 8601 instant" },
        { $"{Key1}, \"status\": \"Active\", \"created\": 20260501", "$.accounts[0].users[0].accessKeys[0].created", "must be a string, found the number 20260501" },
        { $"{Key1}, \"status\": \"Active\", \"ageDays\": 5, \"lastUsedDaysAgo\": 9", "$.accounts[0].users[0].accessKeys[0].lastUsedDaysAgo", "last used before it was created" },
        { $"{Key1}, \"status\": \"Active\", \"ageDays\": 5, \"deactivatedDaysAgo\": 1", "$.accounts[0].users[0].accessKeys[0].deactivatedDaysAgo", "is Active" },
        { $"{Key1}, \"status\": \"Inactive\", \"ageDays\": 5, \"deactivated\": \"2020-01-01T00:00:00Z\"", "$.accounts[0].users[0].accessKeys[0].deactivated", "deactivated before it was created" },
        { $"{Key1}, \"status\": \"Active\", \"ageDays\": 5, \"lastUsed\": \"2026-11-28T00:00:00Z\", \"lastUsedDaysAgo\": 1", "$.accounts[0].users[0].accessKeys[0].lastUsedDaysAgo", "either 'lastUsed' or 'lastUsedDaysAgo'" },
        { $"{Key1}, \"status\": \"Active\", \"ageDays\": 5, \"ageDays\": 6", "$.accounts[0].users[0].accessKeys[0].ageDays", "appears more than once" },
    };

    [Theory]
    [MemberData(nameof(KeyErrors))]
    public void Load_BadAccessKey_NamesProblemAndPath(string keyFields, string path, string problem)
    {
        AssertRejected(SampleFiles.OneKey(keyFields), path, problem);
    }

    public static TheoryData<string, string, string> DocumentErrors => new()
    {
        { """{ "accounts": [ { "id": "22222222222", "name": "dev" } ] }""", "$.accounts[0].id", "exactly 12 digits (got \"22222222222\")" },
        { """{ "accounts": [ { "id": 222222222222, "name": "dev" } ] }""", "$.accounts[0].id", "must be a string, found the number 222222222222" },
        { """{ "accounts": [ { "id": "222222222222" } ] }""", "$.accounts[0].name", "required field 'name' is missing" },
        { """{ "accounts": [ { "id": "222222222222", "name": "dev", "state": "active" } ] }""", "$.accounts[0].state", "unknown state \"active\"" },
        { """{ "accounts": [ { "id": "222222222222", "name": "a" }, { "id": "222222222222", "name": "b" } ] }""", "$.accounts[1].id", "duplicate account id 222222222222 (first at $.accounts[0])" },
        { """{ "accounts": [ { "id": "222222222222", "name": "dev", "parentId": "ou-missing" } ] }""", "$.accounts[0].parentId", "\"ou-missing\" is neither r-root nor" },
        { """{ "accounts": [ { "id": "222222222222", "name": "dev", "users": [ { "name": "alice" }, { "name": "Alice" } ] } ] }""", "$.accounts[0].users[1].name", "duplicate user name 'Alice'" },
        { """{ "accounts": [ { "id": "222222222222", "name": "dev", "users": [ { "name": "al ice" } ] } ] }""", "$.accounts[0].users[0].name", "user name must be" },
        { """{ "accounts": [ { "id": "222222222222", "name": "dev", "users": [ { "name": "alice", "tags": { "team": 7 } } ] } ] }""", "$.accounts[0].users[0].tags.team", "tag 'team' must have a string value" },
        { """{ "accounts": [ { "id": "222222222222", "name": "dev", "tags": [ "x" ] } ] }""", "$.accounts[0].tags", "must be an object of strings, found an array" },
        { """{ "accounts": [ { "id": "222222222222", "name": "dev", "users": { "name": "alice" } } ] }""", "$.accounts[0].users", "must be an array, found an object" },
        { """{ "accounts": [ "222222222222" ] }""", "$.accounts[0]", "expected an object, found the string" },
        { """{ "organizationalUnits": [] }""", "$.accounts", "required field 'accounts' is missing" },
        { """{ "accounts": [], "managementAccountId": "mgmt" }""", "$.managementAccountId", "exactly 12 digits" },
        { """{ "accounts": [], "extra": 1 }""", "$.extra", "unknown field 'extra'" },
        { """[ ]""", "$", "expected an object, found an array" },
        { """{ "accounts": [ { "id": "222222222222", "name": "dev", "users": [ { "name": "alice", "path": "eng" } ] } ] }""", "$.accounts[0].users[0].path", "user path must be '/' or like '/engineering/' (got \"eng\")" },
        { """{ "accounts": [ { "id": "222222222222", "name": "dev", "users": [ { "name": "alice", "secretNameTakenBy": "" } ] } ] }""", "$.accounts[0].users[0].secretNameTakenBy", "must name who created the secret" },
        { """{ "accounts": [], "organizationalUnits": [ { "id": "prod", "name": "Prod" } ] }""", "$.organizationalUnits[0].id", "must start with 'ou-'" },
        { """{ "accounts": [], "organizationalUnits": [ { "id": "ou-a", "name": "A" }, { "id": "ou-a", "name": "B" } ] }""", "$.organizationalUnits[1].id", "duplicate organizational unit id ou-a" },
        { """{ "accounts": [], "organizationalUnits": [ { "id": "ou-a", "name": "A", "parentId": "ou-x" } ] }""", "$.organizationalUnits[0].parentId", "\"ou-x\" is neither" },
        { """{ "accounts": [], "organizationalUnits": [ { "id": "ou-a", "name": "A", "parentId": "ou-b" }, { "id": "ou-b", "name": "B", "parentId": "ou-a" } ] }""", "$.organizationalUnits[0].parentId", "cycle: ou-a -> ou-b -> ou-a" },
        { """{ "accounts": [], "organizationalUnits": [ { "id": "ou-a", "name": "A", "parentId": "ou-a" } ] }""", "$.organizationalUnits[0].parentId", "cycle: ou-a -> ou-a" },
        { """{ "accounts": [ { "id": "222222222222", "name": "dev", "tags": { "key-rotation:opt-out": true } } ] }""", "$.accounts[0].tags['key-rotation:opt-out']", "must have a string value, found true" },
    };

    [Theory]
    [MemberData(nameof(DocumentErrors))]
    public void Load_BadDocument_NamesProblemAndPath(string json, string path, string problem)
    {
        AssertRejected(json, path, problem);
    }

    [Fact]
    public void Load_ThreeKeysForOneUser_RejectsWithIamLimit()
    {
        var json = """
            { "accounts": [ { "id": "222222222222", "name": "dev", "users": [ { "name": "alice", "accessKeys": [
                { "id": "AKIAEXAMPLE000000001", "status": "Active", "ageDays": 1 },
                { "id": "AKIAEXAMPLE000000002", "status": "Active", "ageDays": 2 },
                { "id": "AKIAEXAMPLE000000003", "status": "Inactive", "ageDays": 3 } ] } ] } ] }
            """;

        AssertRejected(json, "$.accounts[0].users[0].accessKeys", "user 'alice' has 3 access keys; IAM allows at most 2");
    }

    [Fact]
    public void Load_SameKeyIdInTwoAccounts_RejectsSecondOccurrence()
    {
        var json = """
            { "accounts": [
                { "id": "222222222222", "name": "a", "users": [ { "name": "alice", "accessKeys": [ { "id": "AKIAEXAMPLE000000001", "status": "Active", "ageDays": 1 } ] } ] },
                { "id": "333333333333", "name": "b", "users": [ { "name": "bob", "accessKeys": [ { "id": "AKIAEXAMPLE000000001", "status": "Active", "ageDays": 1 } ] } ] } ] }
            """;

        AssertRejected(json, "$.accounts[1].users[0].accessKeys[0].id", "duplicate access key id AKIAEXAMPLE000000001 (first at $.accounts[0].users[0].accessKeys[0])");
    }

    [Fact]
    public void Load_NotJson_ReportsLine()
    {
        var error = Assert.Throws<SimulationFileException>(() => SimulationFile.Load("{\n  \"accounts\": [,]\n}", SampleFiles.AsOf));

        Assert.Equal("$", error.Path);
        Assert.Contains("not valid JSON (line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TrailingComma_IsRejected()
    {
        var error = Assert.Throws<SimulationFileException>(() => SimulationFile.Load("""{ "accounts": [], }""", SampleFiles.AsOf));

        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    private static void AssertRejected(string json, string path, string problem)
    {
        var error = Assert.Throws<SimulationFileException>(() => SimulationFile.Load(json, SampleFiles.AsOf));
        Assert.Equal(path, error.Path);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.StartsWith(path + ": ", error.Message, StringComparison.Ordinal);
    }
}
