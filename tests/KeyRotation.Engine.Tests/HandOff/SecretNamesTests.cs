using KeyRotation.Engine.HandOff;

namespace KeyRotation.Engine.Tests.HandOff;

public sealed class SecretNamesTests
{
    [Theory]
    [InlineData("alice", "key-rotation/alice")]
    [InlineData("svc_deploy", "key-rotation/svc_deploy")]
    [InlineData("a,b", "key-rotation/a=2Cb")]
    [InlineData("a=b", "key-rotation/a=3Db")]
    [InlineData("svc+ci,x=y", "key-rotation/svc+ci=2Cx=3Dy")]
    [InlineData("first.last@example-corp", "key-rotation/first.last@example-corp")]
    public void ForUser_Name_ReadableEscapedName(string user, string secret)
    {
        Assert.Equal(secret, SecretNames.ForUser(user));
        Assert.Equal(user, SecretNames.UserOf(secret));
    }

    [Fact]
    public void ForUser_EveryShortName_InjectiveReversibleAndSecretsManagerSafe()
    {
        // Every name up to four characters over an alphabet that includes the escape and what escapes look like.
        const string alphabet = "a=,2C3D_";
        var names = new List<string> { "" };
        for (var length = 0; length < 4; length++)
        {
            names.AddRange(names.Where(n => n.Length == length).SelectMany(n => alphabet.Select(c => n + c)).ToList());
        }

        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var user in names.Where(n => n.Length > 0))
        {
            var secret = SecretNames.ForUser(user);
            Assert.True(seen.TryAdd(secret, user), $"'{user}' and '{seen.GetValueOrDefault(secret)}' both map to '{secret}'");
            Assert.Equal(user, SecretNames.UserOf(secret));
            Assert.All(secret, c => Assert.True(char.IsAsciiLetterOrDigit(c) || "/_+=.@-".Contains(c, StringComparison.Ordinal), $"'{c}' in {secret}"));
        }

        Assert.Equal(4680, seen.Count);
    }

    [Fact]
    public void ForUser_LongestName_FitsSecretsManager() =>
        Assert.True(SecretNames.ForUser(new string(',', 64)).Length <= 512);

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/name")]
    [InlineData("ünicode")]
    public void ForUser_NotAnIamUserName_ArgumentExceptionNamingIt(string user) =>
        Assert.Throws<ArgumentException>(() => SecretNames.ForUser(user));

    [Fact]
    public void ForUser_TooLong_ArgumentException() => Assert.Throws<ArgumentException>(() => SecretNames.ForUser(new string('a', 65)));

    [Theory]
    [InlineData("other/alice")]
    [InlineData("key-rotation/a=2")]
    [InlineData("key-rotation/a=ZZb")]
    public void UserOf_NotOurs_FormatException(string secret) => Assert.Throws<FormatException>(() => SecretNames.UserOf(secret));
}
